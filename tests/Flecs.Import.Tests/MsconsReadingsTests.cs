using System.Globalization;
using Flecs.Core.Results;

namespace Flecs.Import.Tests;

public sealed class MsconsReadingsTests
{
    private const string MeteringPoint = "US0001062600000001000000022345671";

    /// <summary>
    /// The four value groups of the sample that cannot be imported: 16:45 → 16:00 ends before it starts, and the
    /// next three repeat 16:00–16:45 on 2015-12-20. Removing them (12 segments) leaves a consistent month.
    /// </summary>
    private const string CorruptedGroups =
        "QTY+220:0,074'DTM+163:201512201645?+01:303'DTM+164:201512201600?+01:303'"
        + "QTY+220:0'DTM+163:201512201600?+01:303'DTM+164:201512201615?+01:303'"
        + "QTY+220:0'DTM+163:201512201615?+01:303'DTM+164:201512201630?+01:303'"
        + "QTY+220:0'DTM+163:201512201630?+01:303'DTM+164:201512201645?+01:303'";

    [Fact]
    public void Parse_Sample_ReportsTheIntervalThatEndsBeforeItStarts()
    {
        var text = SampleFiles.Read("mscons", SampleFiles.Mscons);

        var result = MsconsReadings.Parse(text);

        Assert.Equal(ImportErrors.MsconsBadPeriod, result.Error?.Code);
        Assert.StartsWith("segment 5679 ('DTM+164:201512201600?+01:303')", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal("DTM+164:201512201600?+01:303", text.Split('\'')[5678]);
    }

    [Fact]
    public void Parse_SampleLeniently_SkipsTheBackwardsGroupAndTheThreeRepeatsWithWarnings()
    {
        var text = SampleFiles.Read("mscons", SampleFiles.Mscons);
        var segments = text.Split('\'');

        var series = Assert.Single(MsconsReadings.Parse(text, skipInvalidGroups: true, out var warnings).Value);

        Assert.Equal(
            [
                (ImportErrors.MsconsBadPeriod, "segment 5679 ('DTM+164:201512201600?+01:303'): "),
                (ImportErrors.MsconsOverlap, "segment 5680 ('QTY+220:0'): "),
                (ImportErrors.MsconsOverlap, "segment 5683 ('QTY+220:0'): "),
                (ImportErrors.MsconsOverlap, "segment 5686 ('QTY+220:0'): "),
            ],
            warnings.Select(w => (w.Code, w.Message[..(w.Message.IndexOf("): ", StringComparison.Ordinal) + 3)])));
        Assert.Equal(MsconsReadings.Parse(text).Error!.Message, warnings[0].Message);
        Assert.Contains("overlaps the one at segment 5668 ('QTY+220:0,934')", warnings[1].Message, StringComparison.Ordinal);
        Assert.Contains("overlaps the one at segment 5671 ('QTY+220:0,711')", warnings[2].Message, StringComparison.Ordinal);
        Assert.Contains("overlaps the one at segment 5674 ('QTY+220:0,697')", warnings[3].Message, StringComparison.Ordinal);
        Assert.Equal(["QTY+220:0,074", "QTY+220:0", "QTY+220:0", "QTY+220:0"], new[] { 5677, 5680, 5683, 5686 }.Select(n => segments[n - 1]));

        // Independently of the parser: every QTY of the file but the four skipped (0,074 + 0 + 0 + 0 kWh).
        Assert.Equal(MeteringPoint, series.MeterId);
        Assert.Equal(2976, segments.Count(x => x.StartsWith("QTY+", StringComparison.Ordinal)));
        Assert.Equal(2976 - 4, series.Intervals.Length);
        Assert.Equal(new ImportedInterval(1_448_924_400, 900, 0, 0), series.Intervals[0]);
        Assert.Equal(1_451_602_800, series.Intervals[^1].EndUnixSeconds);
        Assert.Equal(SumOfQuantitiesInMilliwattHours(text) - 74_000, series.Intervals.Sum(i => i.ImportMilliwattHours));
        Assert.Equal(680_208_000, series.Intervals.Sum(i => i.ImportMilliwattHours));
        Assert.Equal(new ImportedInterval(1_450_623_600, 900, 934_000, 0), series.Intervals.Single(i => i.StartUnixSeconds == 1_450_623_600));
        Assert.Equal(Assert.Single(MsconsReadings.Parse(Repaired()).Value), series);
    }

    [Fact]
    public void Parse_SampleWithSkippingOff_FailsLikeTheStrictParse()
    {
        var text = SampleFiles.Read("mscons", SampleFiles.Mscons);

        var result = MsconsReadings.Parse(text, skipInvalidGroups: false, out var warnings);

        Assert.Equal(MsconsReadings.Parse(text).Error, result.Error);
        Assert.Equal(ImportErrors.MsconsBadPeriod, result.Error?.Code);
        Assert.Empty(warnings);
    }

    [Theory]
    [InlineData("QTY+220:2", "QTY+220:abc", ImportErrors.MsconsBadValue, 0)]
    [InlineData("QTY+220:2", "QTY+220:0,0000001", ImportErrors.MsconsInexactValue, 0)]
    [InlineData("QTY+220:2", "QTY+220:2:KWT", ImportErrors.MsconsBadUnit, 0)]
    [InlineData("DTM+163:202506010015?+02:303", "DTM+163:202506010015:203", ImportErrors.MsconsBadDate, 1)]
    [InlineData("DTM+164:202506010030?+02:303", "DTM+164:202506310030?+02:303", ImportErrors.MsconsBadDate, 2)]
    [InlineData("DTM+164:202506010030?+02:303", "STS+Z18++Z88", ImportErrors.MsconsMissingPeriod, 0)]
    [InlineData("DTM+164:202506010030?+02:303", "DTM+164:202506010010?+02:303", ImportErrors.MsconsBadPeriod, 2)]
    [InlineData("DTM+163:202506010015?+02:303", "DTM+163:202506010010?+02:303", ImportErrors.MsconsOverlap, 0)]
    [InlineData("DTM+163:202506010015?+02:303", "DTM+163:202506010000?+02:303", ImportErrors.MsconsOverlap, 0)]
    public void Parse_Leniently_SkipsTheInvalidGroupAndKeepsTheOthers(string valid, string invalid, string code, int offset)
    {
        // Groups 00:00–00:15 (1 kWh), 00:15–00:30 (2 kWh, the one made invalid) and 00:30–00:45 (3 kWh).
        string[] body =
        [
            "LOC+172+DE0001",
            "LIN+1",
            "PIA+5+1-1?:1.29.0",
            "QTY+220:1",
            "DTM+163:202506010000?+02:303",
            "DTM+164:202506010015?+02:303",
            "QTY+220:2",
            "DTM+163:202506010015?+02:303",
            "DTM+164:202506010030?+02:303",
            "QTY+220:3",
            "DTM+163:202506010030?+02:303",
            "DTM+164:202506010045?+02:303",
        ];
        var index = Array.LastIndexOf(body, valid, 8);
        body[index] = invalid;
        var text = Message(body);

        var series = Assert.Single(MsconsReadings.Parse(text, skipInvalidGroups: true, out var warnings).Value);
        var strict = MsconsReadings.Parse(text);

        var warning = Assert.Single(warnings);
        Assert.Equal(code, warning.Code);
        Assert.StartsWith($"segment {10 + offset} ('{body[6 + offset]}')", warning.Message, StringComparison.Ordinal);
        Assert.Equal(new Error(warning.Code, warning.Message), strict.Error);
        Assert.Equal([new ImportedInterval(1_748_728_800, 900, 1_000_000, 0), new ImportedInterval(1_748_730_600, 900, 3_000_000, 0)], series.Intervals);
    }

    [Fact]
    public void Parse_Leniently_FirstGroupCoveringAPeriodWinsOverLaterOverlaps()
    {
        var text = Message(
            "LOC+172+DE0001",
            "PIA+5+1-1?:1.29.0",
            "QTY+220:1",
            "DTM+163:202506010015?+02:303",
            "DTM+164:202506010030?+02:303",
            "QTY+220:2",
            "DTM+163:202506010000?+02:303",
            "DTM+164:202506010100?+02:303",
            "QTY+220:3",
            "DTM+163:202506010015?+02:303",
            "DTM+164:202506010030?+02:303",
            "QTY+220:4",
            "DTM+163:202506010000?+02:303",
            "DTM+164:202506010015?+02:303",
            "QTY+220:5",
            "DTM+163:202506010030?+02:303",
            "DTM+164:202506010045?+02:303",
            "PIA+5+1-1?:2.29.0",
            "QTY+220:6",
            "DTM+163:202506010015?+02:303",
            "DTM+164:202506010030?+02:303");

        var series = Assert.Single(MsconsReadings.Parse(text, skipInvalidGroups: true, out var warnings).Value);

        Assert.Equal([ImportErrors.MsconsOverlap, ImportErrors.MsconsOverlap], warnings.Select(w => w.Code));
        Assert.StartsWith("segment 9 ('QTY+220:2'): the reading of meter 'DE0001' from 2025-05-31T22:00:00Z to 2025-05-31T23:00:00Z overlaps the one at segment 6 ('QTY+220:1')", warnings[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("segment 12 ('QTY+220:3'): ", warnings[1].Message, StringComparison.Ordinal);
        Assert.Equal(
            [
                new ImportedInterval(1_748_728_800, 900, 4_000_000, 0),
                new ImportedInterval(1_748_729_700, 900, 1_000_000, 6_000_000),
                new ImportedInterval(1_748_730_600, 900, 5_000_000, 0),
            ],
            series.Intervals);
    }

    [Fact]
    public void Parse_Leniently_SkipsTheGroupsOfAnUnsupportedObisCodeWithOneWarning()
    {
        var text = Message(
            "LOC+172+DE0001",
            "LIN+1",
            "PIA+5+1-1?:3.29.0",
            "QTY+220:7",
            "DTM+163:202506010000?+02:303",
            "DTM+164:202506010015?+02:303",
            "QTY+220:bad",
            "LIN+2",
            "PIA+5+1-1?:1.29.0",
            "QTY+220:1",
            "DTM+163:202506010000?+02:303",
            "DTM+164:202506010015?+02:303");

        var series = Assert.Single(MsconsReadings.Parse(text, skipInvalidGroups: true, out var warnings).Value);

        var warning = Assert.Single(warnings);
        Assert.Equal(ImportErrors.MsconsUnsupportedObis, warning.Code);
        Assert.StartsWith("segment 6 ('PIA+5+1-1?:3.29.0')", warning.Message, StringComparison.Ordinal);
        Assert.Equal([new ImportedInterval(1_748_728_800, 900, 1_000_000, 0)], series.Intervals);
    }

    [Theory]
    [InlineData(new[] { "PIA+5+1-1?:3.29.0", "LIN+2", "QTY+220:1", "DTM+163:202506010000?+02:303", "DTM+164:202506010015?+02:303" }, ImportErrors.MsconsBadStructure, "segment 7 ('QTY+220:1')")]
    [InlineData(new[] { "PIA+5+1-1?:1.29.0", "QTY+220:1", "DTM+163:202506010000?+02:303", "DTM+163:202506010000?+02:303" }, ImportErrors.MsconsBadStructure, "segment 8 ('DTM+163")]
    [InlineData(new[] { "PIA+5+1-1?:1.29.0", "QTY+220:1", "DTM+163:202506010000?+02:303", "DTM+164:202506010015?+02:303", "bad+1" }, ImportErrors.MsconsBadSegment, "segment 9 ('bad+1')")]
    public void Parse_Leniently_StillFailsOnStructure(string[] afterLocation, string code, string position)
    {
        var text = Message(["LOC+172+DE0001", .. afterLocation]);

        var result = MsconsReadings.Parse(text, skipInvalidGroups: true, out var warnings);

        Assert.Equal(code, result.Error?.Code);
        Assert.StartsWith(position, result.Error!.Message, StringComparison.Ordinal);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Parse_Leniently_StillFailsOnTheEnvelope()
    {
        var text = SampleFiles.Read("mscons", SampleFiles.Mscons).Replace("'UNT+8942+1'", "'UNT+8930+1'", StringComparison.Ordinal);

        var result = MsconsReadings.Parse(text, skipInvalidGroups: true, out var warnings);

        Assert.Equal(ImportErrors.MsconsBadCount, result.Error?.Code);
        Assert.StartsWith("segment 8944 ('UNT+8930+1')", result.Error!.Message, StringComparison.Ordinal);
        Assert.Empty(warnings);
    }

    [Fact]
    public void Parse_SampleWithoutCorruptedGroups_GivesTheMonthOfTheMeteringPoint()
    {
        var text = Repaired();

        var series = Assert.Single(MsconsReadings.Parse(text).Value);

        Assert.Equal(MeteringPoint, series.MeterId);
        Assert.Equal(2976 - 4, series.Intervals.Length);
        Assert.Equal(new ImportedInterval(1_448_924_400, 900, 0, 0), series.Intervals[0]);
        Assert.Equal(1_451_602_800, series.Intervals[^1].EndUnixSeconds);
        Assert.Equal(680_208_000, series.Intervals.Sum(i => i.ImportMilliwattHours));
        Assert.Equal(SumOfQuantitiesInMilliwattHours(text), series.Intervals.Sum(i => i.ImportMilliwattHours));
        Assert.All(series.Intervals, i => Assert.Equal(0, i.ExportMilliwattHours));
    }

    [Fact]
    public void Parse_SampleWithoutCorruptedGroups_KeepsIrregularIntervalsAsWritten()
    {
        var series = Assert.Single(MsconsReadings.Parse(Repaired()).Value);

        var firstNonZero = series.Intervals.First(i => i.ImportMilliwattHours > 0);
        var sixteenMinutes = series.Intervals.First(i => i.DurationSeconds == 960);
        var seventyFiveMinutes = Assert.Single(series.Intervals, i => i.DurationSeconds == 4500);

        Assert.Equal(new ImportedInterval(1_448_959_500, 900, 900_000, 0), firstNonZero);
        Assert.Equal(1_448_996_400, sixteenMinutes.StartUnixSeconds);
        Assert.Equal(1_289_000, seventyFiveMinutes.ImportMilliwattHours);
    }

    [Fact]
    public void Parse_ImportAndExportChannels_MergeIntoOneSeries()
    {
        var text = Message(
            "LOC+172+DE?+0001?:A",
            "LIN+1",
            "PIA+5+1-1?:1.29.0:SRW",
            "QTY+220:1,5",
            "DTM+163:202506010000?+02:303",
            "DTM+164:202506010015?+02:303",
            "QTY+67:0,000001:MWH",
            "STS+Z18++Z88",
            "DTM+163:202506010015?+02:303",
            "DTM+164:202506010030?+02:303",
            "LIN+2",
            "PIA+5+1-1?:2.29.0:SRW",
            "QTY+220:250:WH",
            "DTM+164:202506010015?+02:303",
            "DTM+163:202506010000?+02:303");

        var series = Assert.Single(MsconsReadings.Parse(text).Value);

        Assert.Equal("DE+0001:A", series.MeterId);
        Assert.Equal([new ImportedInterval(1_748_728_800, 900, 1_500_000, 250_000), new ImportedInterval(1_748_729_700, 900, 1000, 0)], series.Intervals);
    }

    [Fact]
    public void Parse_NoServiceStringAdvice_UsesDefaultSeparatorsAndDecimalPoint()
    {
        var text = "UNH+7+MSCONS:D:04B:UN:2.2e'LOC+172+M1'PIA+5+1-0?:1.8.0'QTY+220:2.25'DTM+163:202501010000?+00:303'DTM+164:202501010100?+00:303'UNT+7+7'\r\n";

        var series = Assert.Single(MsconsReadings.Parse(text).Value);

        Assert.Equal(new ImportedInterval(1_735_689_600, 3600, 2_250_000, 0), Assert.Single(series.Intervals));
    }

    [Theory]
    [InlineData("QTY+220:1,5", "QTY+220:abc", ImportErrors.MsconsBadValue)]
    [InlineData("QTY+220:1,5", "QTY+220:-1,5", ImportErrors.MsconsBadValue)]
    [InlineData("QTY+220:1,5", "QTY+220:1.5", ImportErrors.MsconsBadValue)]
    [InlineData("QTY+220:1,5", "QTY+220:0,0000001", ImportErrors.MsconsInexactValue)]
    [InlineData("QTY+220:1,5", "QTY+220:1,5:KWT", ImportErrors.MsconsBadUnit)]
    [InlineData("DTM+163:202506010000?+02:303", "DTM+163:202506010000:203", ImportErrors.MsconsBadDate)]
    [InlineData("DTM+163:202506010000?+02:303", "DTM+163:202506310000?+02:303", ImportErrors.MsconsBadDate)]
    [InlineData("DTM+164:202506010015?+02:303", "DTM+164:202506010000?+02:303", ImportErrors.MsconsBadPeriod)]
    [InlineData("PIA+5+1-1?:1.29.0:SRW", "PIA+5+1-1?:3.29.0:SRW", ImportErrors.MsconsUnsupportedObis)]
    [InlineData("LOC+172+DE0001", "LOC+172", ImportErrors.MsconsBadSegment)]
    [InlineData("LIN+1", "lin+1", ImportErrors.MsconsBadSegment)]
    public void Parse_MalformedSegment_GivesCodeNamingTheSegment(string valid, string malformed, string code)
    {
        var segments = ValidBody();
        var index = Array.IndexOf(segments, valid);
        segments[index] = malformed;
        var text = Message(segments);

        var result = MsconsReadings.Parse(text);

        Assert.Equal(code, result.Error?.Code);
        Assert.StartsWith($"segment {index + 4} ('{malformed}')", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_QuantityWithoutEnd_GivesMissingPeriodNamingTheQuantity()
    {
        var text = Message("LOC+172+DE0001", "PIA+5+1-1?:1.29.0", "QTY+220:1", "DTM+163:202506010000?+02:303", "QTY+220:2", "DTM+163:202506010015?+02:303", "DTM+164:202506010030?+02:303");

        var result = MsconsReadings.Parse(text);

        Assert.Equal(ImportErrors.MsconsMissingPeriod, result.Error?.Code);
        Assert.StartsWith("segment 6 ('QTY+220:1')", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_QuantityBeforeMeteringPoint_GivesBadStructure()
    {
        var text = Message("PIA+5+1-1?:1.29.0", "QTY+220:1", "DTM+163:202506010000?+02:303", "DTM+164:202506010015?+02:303");

        var result = MsconsReadings.Parse(text);

        Assert.Equal(ImportErrors.MsconsBadStructure, result.Error?.Code);
        Assert.StartsWith("segment 5 ('QTY+220:1')", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OverlappingQuantities_GiveOverlapNamingTheLaterSegment()
    {
        var text = Message(
            "LOC+172+DE0001",
            "PIA+5+1-1?:1.29.0",
            "QTY+220:1",
            "DTM+163:202506010000?+02:303",
            "DTM+164:202506010030?+02:303",
            "QTY+220:2",
            "DTM+163:202506010015?+02:303",
            "DTM+164:202506010045?+02:303");

        var result = MsconsReadings.Parse(text);

        Assert.Equal(ImportErrors.MsconsOverlap, result.Error?.Code);
        Assert.StartsWith("segment 9 ('QTY+220:2')", result.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UNT+8+1'", "UNT+7+1'", ImportErrors.MsconsBadCount, "segment 10 ('UNT+7+1')")]
    [InlineData("UNT+8+1'", "UNT+8+2'", ImportErrors.MsconsBadCount, "segment 10 ('UNT+8+2')")]
    [InlineData("UNH+1+MSCONS", "UNH+1+ORDERS", ImportErrors.MsconsNotMscons, "segment 3 ('UNH+1+ORDERS")]
    [InlineData("UNZ+1+REF1'", "UNZ+1+REF1", ImportErrors.MsconsBadSyntax, "segment 11 ('UNZ+1+REF1')")]
    [InlineData("UNZ+1+REF1'", "UNZ+1+REF1?", ImportErrors.MsconsBadSyntax, "segment 11 ('UNZ+1+REF1?')")]
    [InlineData("UNT+8+1'", "", ImportErrors.MsconsBadStructure, "segment 3 ('UNH+1+MSCONS")]
    public void Parse_BrokenEnvelope_GivesCodeNamingTheSegment(string find, string replacement, string code, string position)
    {
        var text = Message(ValidBody()).Replace(find, replacement, StringComparison.Ordinal);

        var result = MsconsReadings.Parse(text);

        Assert.Equal(code, result.Error?.Code);
        Assert.StartsWith(position, result.Error!.Message, StringComparison.Ordinal);
    }

    internal static string Repaired()
    {
        var text = SampleFiles.Read("mscons", SampleFiles.Mscons);
        Assert.Equal(1, CountOf(text, CorruptedGroups));
        Assert.Equal(1, CountOf(text, "'UNT+8942+1'"));
        return text.Replace(CorruptedGroups, string.Empty, StringComparison.Ordinal).Replace("'UNT+8942+1'", "'UNT+8930+1'", StringComparison.Ordinal);
    }

    private static string[] ValidBody() =>
    [
        "LOC+172+DE0001",
        "LIN+1",
        "PIA+5+1-1?:1.29.0:SRW",
        "QTY+220:1,5",
        "DTM+163:202506010000?+02:303",
        "DTM+164:202506010015?+02:303",
    ];

    /// <summary>UNA is segment 1, UNB 2, UNH 3, so the first body segment is 4.</summary>
    private static string Message(params string[] body)
    {
        var segments = new List<string> { "UNH+1+MSCONS:D:04B:UN:2.2e" };
        segments.AddRange(body);
        segments.Add($"UNT+{segments.Count + 1}+1");
        return "UNA:+,? 'UNB+UNOC:3+SENDER:500+RECEIVER:500+250601:1200+REF1'" + string.Join("'", segments) + "'UNZ+1+REF1'";
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    /// <summary>Sums every QTY value (kWh with a decimal comma) by integer arithmetic on its digits.</summary>
    private static long SumOfQuantitiesInMilliwattHours(string text)
    {
        long total = 0;
        foreach (var segment in text.Split('\''))
        {
            if (!segment.StartsWith("QTY+", StringComparison.Ordinal))
            {
                continue;
            }

            var value = segment.Split(':')[1].Split(',');
            var fraction = value.Length > 1 ? value[1].PadRight(6, '0') : "000000";
            total += (long.Parse(value[0], CultureInfo.InvariantCulture) * 1_000_000) + long.Parse(fraction, CultureInfo.InvariantCulture);
        }

        return total;
    }
}
