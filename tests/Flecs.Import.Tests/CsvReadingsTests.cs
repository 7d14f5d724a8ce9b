using System.Collections.Immutable;
using Flecs.Core.Results;

namespace Flecs.Import.Tests;

public sealed class CsvReadingsTests
{
    private const string Header = "meter,start,minutes,import_kwh,export_kwh\n";

    [Fact]
    public void Parse_MixedMetersOutOfOrder_GivesOneSortedSeriesPerMeter()
    {
        var text = Header
            + "m2,2025-06-01T00:15Z,15,0.5,\n"
            + "M1,2025-06-01T00:15Z,15,1.25,0.000001\n"
            + "m2,2025-06-01T00:00Z,15,0.25,0\n"
            + "M1,2025-06-01T00:00Z,15,,2\n";

        var series = CsvReadings.Parse(text).Value;

        Assert.Equal(["M1", "m2"], series.Select(s => s.MeterId));
        Assert.Equal(
            [new ImportedInterval(1_748_736_000, 900, 0, 2_000_000), new ImportedInterval(1_748_736_900, 900, 1_250_000, 1)],
            series[0].Intervals);
        Assert.Equal(
            [new ImportedInterval(1_748_736_000, 900, 250_000, 0), new ImportedInterval(1_748_736_900, 900, 500_000, 0)],
            series[1].Intervals);
    }

    [Fact]
    public void Parse_QuotedFieldsExtraColumnsAndBlankLines_AreHandledPerRfc4180()
    {
        var text = "\uFEFFnote,Export_kWh,meter,START,minutes,import_kwh\r\n"
            + "\r\n"
            + "\"two\r\nlines\",\"0.5\",\"meter \"\"A\"\", east\",2025-06-01T02:00+02:00,60,1\r\n"
            + "   \r\n"
            + "x,,\"meter \"\"A\"\", east\",2025-06-01T01:00:00Z,1,0.000001\r\n";

        var series = CsvReadings.Parse(text).Value;

        var one = Assert.Single(series);
        Assert.Equal("meter \"A\", east", one.MeterId);
        Assert.Equal(
            [new ImportedInterval(1_748_736_000, 3600, 1_000_000, 500_000), new ImportedInterval(1_748_739_600, 60, 1, 0)],
            one.Intervals);
    }

    [Fact]
    public void Parse_SameInstantWithOffsetOrZAndWithSeconds_GivesSameStart()
    {
        var text = Header + "a,2025-03-30T01:45+01:00,15,1,\n" + "b,2025-03-30T00:45:00Z,15,1,\n" + "c,2025-03-29T19:45:00-05:00,15,1,\n";

        var series = CsvReadings.Parse(text).Value;

        Assert.All(series, s => Assert.Equal(1_743_295_500, Assert.Single(s.Intervals).StartUnixSeconds));
    }

    [Fact]
    public void Format_ThenParse_RoundTripsSeries()
    {
        ImmutableArray<ImportedSeries> series =
        [
            new("M\"2\"", [new ImportedInterval(-3600, 3600, 0, 999_999)]),
            new("M,1", [new ImportedInterval(0, 60, 1, 0), new ImportedInterval(60, 900, 123_456_789_012, 7)]),
        ];

        var text = CsvReadings.Format(series).Value;
        var parsed = CsvReadings.Parse(text).Value;

        Assert.Equal(series, parsed);
        Assert.StartsWith("meter,start,minutes,import_kwh,export_kwh\n\"M\"\"2\"\"\",1969-12-31T23:00:00Z,60,0,0.999999\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("greenbutton", SampleFiles.GreenButtonHourly)]
    [InlineData("greenbutton", SampleFiles.GreenButtonDaily)]
    public void Format_ThenParse_RoundTripsGreenButtonSample(string folder, string file)
    {
        var series = GreenButtonReadings.Parse(SampleFiles.Read(folder, file)).Value;

        var parsed = CsvReadings.Parse(CsvReadings.Format(series).Value).Value;

        Assert.Equal(series, parsed);
    }

    [Fact]
    public void Format_SubMinuteInterval_IsUnrepresentable()
    {
        ImmutableArray<ImportedSeries> series = [new("M1", [new ImportedInterval(0, 90, 1, 0)])];

        var result = CsvReadings.Format(series);

        Assert.Equal(ImportErrors.CsvUnrepresentable, result.Error?.Code);
    }

    [Theory]
    [InlineData("", ImportErrors.CsvEmpty, "line 1")]
    [InlineData("\n\n", ImportErrors.CsvEmpty, "line 1")]
    [InlineData("meter,start,minutes,import_kwh\nM1,2025-06-01T00:00Z,15,1\n", ImportErrors.CsvBadHeader, "line 1, column 'export_kwh'")]
    [InlineData("meter,start,minutes,import_kwh,export_kwh,Meter\n", ImportErrors.CsvBadHeader, "line 1, column 'Meter'")]
    [InlineData(Header + "M1,2025-06-01T00:00Z,15,1\n", ImportErrors.CsvBadRow, "line 2, column 'import_kwh'")]
    [InlineData(Header + "\n\"M1,2025-06-01T00:00Z,15,1,\n", ImportErrors.CsvBadQuote, "line 3, column 'meter'")]
    [InlineData(Header + "M\"1,2025-06-01T00:00Z,15,1,\n", ImportErrors.CsvBadQuote, "line 2, column 'meter'")]
    [InlineData(Header + " ,2025-06-01T00:00Z,15,1,\n", ImportErrors.CsvBadMeter, "line 2, column 'meter'")]
    [InlineData(Header + "M1,2025-06-01 00:00Z,15,1,\n", ImportErrors.CsvBadStart, "line 2, column 'start'")]
    [InlineData(Header + "M1,2025-06-01T00:00,15,1,\n", ImportErrors.CsvBadStart, "line 2, column 'start'")]
    [InlineData(Header + "M1,2025-06-01T00:00+0100,15,1,\n", ImportErrors.CsvBadStart, "line 2, column 'start'")]
    [InlineData(Header + "M1,2025-02-30T00:00Z,15,1,\n", ImportErrors.CsvBadStart, "line 2, column 'start'")]
    [InlineData(Header + "M1,2025-06-01T00:00Z,0,1,\n", ImportErrors.CsvBadMinutes, "line 2, column 'minutes'")]
    [InlineData(Header + "M1,2025-06-01T00:00Z,+15,1,\n", ImportErrors.CsvBadMinutes, "line 2, column 'minutes'")]
    [InlineData(Header + "M1,2025-06-01T00:00Z,15,1,\nM1,2025-06-01T00:15Z,15,-1,\n", ImportErrors.CsvBadValue, "line 3, column 'import_kwh'")]
    [InlineData(Header + "M1,2025-06-01T00:00Z,15,1, 2\n", ImportErrors.CsvBadValue, "line 2, column 'export_kwh'")]
    [InlineData(Header + "M1,2025-06-01T00:00Z,15,1e3,\n", ImportErrors.CsvBadValue, "line 2, column 'import_kwh'")]
    [InlineData(Header + "M1,2025-06-01T00:00Z,15,.5,\n", ImportErrors.CsvBadValue, "line 2, column 'import_kwh'")]
    [InlineData(Header + "M1,2025-06-01T00:00Z,15,99999999999999.5,\n", ImportErrors.CsvBadValue, "line 2, column 'import_kwh'")]
    [InlineData(Header + "M1,2025-06-01T00:00Z,15,0.0000005,\n", ImportErrors.CsvInexactValue, "line 2, column 'import_kwh'")]
    [InlineData(Header + "M1,2025-06-01T00:00Z,15,1,\nM1,2025-06-01T00:10Z,15,1,\n", ImportErrors.CsvOverlap, "line 3, column 'start'")]
    [InlineData(Header + "M1,2025-06-01T00:00Z,15,1,\nM1,2025-06-01T00:00Z,15,1,\n", ImportErrors.CsvOverlap, "line 3, column 'start'")]
    [InlineData(Header + "M1,2025-06-01T00:10Z,15,1,\nM1,2025-06-01T00:00Z,15,1,\n", ImportErrors.CsvOverlap, "line 3, column 'start'")]
    [InlineData(Header + "M1,2025-06-01T00:00Z,60,1,\nM2,2025-06-01T00:00Z,15,1,\nM1,2025-06-01T00:30Z,15,1,\n", ImportErrors.CsvOverlap, "line 4, column 'start'")]
    public void Parse_MalformedInput_GivesCodeNamingLineAndColumn(string text, string code, string position)
    {
        var result = CsvReadings.Parse(text);

        AssertFailure(result, code, position);
    }

    [Fact]
    public void Parse_TrailingZerosBeyondSixDecimals_AreExact()
    {
        var result = CsvReadings.Parse(Header + "M1,2025-06-01T00:00Z,15,0.0000010000,\n");

        Assert.Equal(1, Assert.Single(Assert.Single(result.Value).Intervals).ImportMilliwattHours);
    }

    private static void AssertFailure<T>(Result<T> result, string code, string position)
    {
        Assert.False(result.IsSuccess);
        Assert.Equal(code, result.Error.Code);
        Assert.Contains(position, result.Error.Message, StringComparison.Ordinal);
    }
}
