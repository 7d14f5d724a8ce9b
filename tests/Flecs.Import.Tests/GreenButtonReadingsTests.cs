using System.Globalization;
using System.Xml.Linq;

namespace Flecs.Import.Tests;

public sealed class GreenButtonReadingsTests
{
    private const string ForwardType = "<flowDirection>1</flowDirection><uom>72</uom><accumulationBehaviour>4</accumulationBehaviour>";
    private static readonly XNamespace Espi = "http://naesb.org/espi";

    [Theory]
    [InlineData(SampleFiles.GreenButtonHourly, "urn:uuid:E2DCF5F0-810B-443F-9A2E-805BFA52D897", 216, 1_388_552_400, 3600, 273)]
    [InlineData(SampleFiles.GreenButtonDaily, "urn:uuid:C8C34B3A-D175-447B-BD00-176F60194DE0", 444, 1_357_016_400, 86400, 21_021)]
    public void Parse_Sample_GivesOneImportSeriesOfTheUsagePoint(string file, string meterId, int count, long firstStart, long firstDuration, long firstWattHours)
    {
        var xml = SampleFiles.Read("greenbutton", file);

        var series = Assert.Single(GreenButtonReadings.Parse(xml).Value);

        Assert.Equal(meterId, series.MeterId);
        Assert.Equal(count, series.Intervals.Length);
        Assert.Equal(new ImportedInterval(firstStart, firstDuration, firstWattHours * 1000, 0), series.Intervals[0]);
        Assert.All(series.Intervals, i => Assert.Equal(0, i.ExportMilliwattHours));
        Assert.Equal(SumOfValuesInWattHours(xml) * 1000, series.Intervals.Sum(i => i.ImportMilliwattHours));
    }

    [Fact]
    public void Parse_HourlySample_TotalEqualsTheFilesUsageSummary()
    {
        var xml = SampleFiles.Read("greenbutton", SampleFiles.GreenButtonHourly);
        var summaryWattHours = long.Parse(
            XDocument.Parse(xml).Descendants(Espi + "overallConsumptionLastPeriod").Single().Element(Espi + "value")!.Value,
            CultureInfo.InvariantCulture);

        var series = Assert.Single(GreenButtonReadings.Parse(xml).Value);

        Assert.Equal(199_563, summaryWattHours);
        Assert.Equal(summaryWattHours * 1000, series.Intervals.Sum(i => i.ImportMilliwattHours));
    }

    [Fact]
    public void Parse_ForwardAndReverseReadings_MergeIntoImportAndExport()
    {
        var xml = Feed(
            ForwardType,
            Reading(3600, 3600, "7") + Reading(0, 3600, "5"),
            "<flowDirection>19</flowDirection><uom>72</uom><powerOfTenMultiplier>-1</powerOfTenMultiplier>",
            Reading(0, 3600, "25") + Reading(7200, 3600, "3"));

        var series = Assert.Single(GreenButtonReadings.Parse(xml).Value);

        Assert.Equal("urn:uuid:meter-1", series.MeterId);
        Assert.Equal(
            [new ImportedInterval(0, 3600, 5000, 2500), new ImportedInterval(3600, 3600, 7000, 0), new ImportedInterval(7200, 3600, 0, 300)],
            series.Intervals);
    }

    [Fact]
    public void Parse_PowerOfTenMultiplier_ScalesExactly()
    {
        var xml = Feed("<flowDirection>1</flowDirection><uom>72</uom><powerOfTenMultiplier>3</powerOfTenMultiplier>", Reading(0, 900, "12"));

        var series = Assert.Single(GreenButtonReadings.Parse(xml).Value);

        Assert.Equal(12_000_000, Assert.Single(series.Intervals).ImportMilliwattHours);
    }

    [Theory]
    [InlineData("<value>5</value>", "", "<value>-5</value>", ImportErrors.GreenButtonBadValue)]
    [InlineData("<value>5</value>", "", "", ImportErrors.GreenButtonMissingElement)]
    [InlineData("<value>5</value>", "", "<value>5.5</value>", ImportErrors.GreenButtonBadValue)]
    [InlineData("<duration>900</duration>", "", "<duration>0</duration>", ImportErrors.GreenButtonBadValue)]
    [InlineData("<uom>72</uom>", "<uom>38</uom>", "<IntervalReading>", ImportErrors.GreenButtonUnsupportedReadingType)]
    [InlineData("<flowDirection>1</flowDirection>", "<flowDirection>4</flowDirection>", "<IntervalReading>", ImportErrors.GreenButtonUnsupportedReadingType)]
    [InlineData("<uom>72</uom>", "<uom>72</uom><powerOfTenMultiplier>-4</powerOfTenMultiplier>", "<value>5</value>", ImportErrors.GreenButtonInexactValue)]
    [InlineData("<start>900</start>", "", "<start>600</start>", ImportErrors.GreenButtonOverlap)]
    [InlineData("/UsagePoint/1/MeterReading/1/IntervalBlock", "", "/UsagePoint/9/MeterReading/1/IntervalBlock", ImportErrors.GreenButtonUnresolvedLink)]
    public void Parse_MalformedFeed_GivesCodeNamingTheLine(string find, string typeReplacement, string readingReplacement, string code)
    {
        var valid = Feed(ForwardType, Reading(0, 900, "5") + Reading(900, 900, "6"));
        var xml = typeReplacement.Length > 0
            ? valid.Replace(find, typeReplacement, StringComparison.Ordinal)
            : ReplaceLast(valid, find, readingReplacement);
        var marker = typeReplacement.Length > 0 ? "<ReadingType" : LastLineContaining(valid, find);
        var expectedLine = code == ImportErrors.GreenButtonInexactValue
            ? SampleFiles.LineOf(xml, "<value>5</value>")
            : SampleFiles.LineOf(typeReplacement.Length > 0 ? xml : valid, marker);

        var result = GreenButtonReadings.Parse(xml);

        Assert.Equal(code, result.Error?.Code);
        Assert.Contains($"line {expectedLine}", result.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<entry></feed>", ImportErrors.GreenButtonBadXml, 3)]
    [InlineData("<?xml version=\"1.0\"?>\n<!DOCTYPE feed [<!ENTITY x \"y\">]>\n<feed/>", ImportErrors.GreenButtonBadXml, 2)]
    [InlineData("<?xml version=\"1.0\"?>\n\n<rss/>", ImportErrors.GreenButtonBadStructure, 3)]
    public void Parse_NotAGreenButtonFeed_GivesCodeNamingTheLine(string xml, string code, int line)
    {
        var result = GreenButtonReadings.Parse(xml);

        Assert.Equal(code, result.Error?.Code);
        Assert.Contains($"line {line}", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GasUsagePoint_IsSkipped()
    {
        var xml = Feed("<flowDirection>1</flowDirection><uom>169</uom>", Reading(0, 900, "5")).Replace("<kind>0</kind>", "<kind>1</kind>", StringComparison.Ordinal);

        var result = GreenButtonReadings.Parse(xml);

        Assert.Empty(result.Value);
    }

    internal static string Feed(string forwardType, string forwardReadings, string? reverseType = null, string? reverseReadings = null)
    {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <entry><id>urn:uuid:meter-1</id><link rel="self" href="/UsagePoint/1"/>
            <content><UsagePoint xmlns="http://naesb.org/espi"><ServiceCategory><kind>0</kind></ServiceCategory></UsagePoint></content></entry>

            """ + Channel(1, forwardType, forwardReadings);
        if (reverseType is not null)
        {
            xml += Channel(2, reverseType, reverseReadings!);
        }

        return xml + "</feed>\n";
    }

    private static string Channel(int n, string readingType, string readings) => $"""
        <entry><link rel="self" href="/UsagePoint/1/MeterReading/{n}"/><link rel="up" href="/UsagePoint/1/MeterReading"/>
        <link rel="related" href="/UsagePoint/1/MeterReading/{n}/IntervalBlock"/><link rel="related" href="/ReadingType/{n}"/>
        <content><MeterReading xmlns="http://naesb.org/espi"/></content></entry>
        <entry><link rel="self" href="/ReadingType/{n}"/>
        <content><ReadingType xmlns="http://naesb.org/espi">{readingType}</ReadingType></content></entry>
        <entry><link rel="self" href="/UsagePoint/1/MeterReading/{n}/IntervalBlock/1"/><link rel="up" href="/UsagePoint/1/MeterReading/{n}/IntervalBlock"/>
        <content><IntervalBlock xmlns="http://naesb.org/espi">
        {readings}</IntervalBlock></content></entry>

        """;

    internal static string Reading(long start, long duration, string value) =>
        $"<IntervalReading><timePeriod><duration>{duration}</duration><start>{start}</start></timePeriod><value>{value}</value></IntervalReading>\n";

    private static string ReplaceLast(string text, string find, string replacement)
    {
        var index = text.LastIndexOf(find, StringComparison.Ordinal);
        return text[..index] + replacement + text[(index + find.Length)..];
    }

    private static string LastLineContaining(string text, string find)
    {
        var index = text.LastIndexOf(find, StringComparison.Ordinal);
        var lineStart = text.LastIndexOf('\n', index) + 1;
        var lineEnd = text.IndexOf('\n', index);
        return text[lineStart..lineEnd];
    }

    private static long SumOfValuesInWattHours(string xml) =>
        XDocument.Parse(xml).Descendants(Espi + "IntervalReading").Sum(r => long.Parse(r.Element(Espi + "value")!.Value, CultureInfo.InvariantCulture));
}
