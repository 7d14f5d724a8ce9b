namespace Flecs.Import.Tests;

public sealed class IntervalRebinnerTests
{
    private const long Day = 1_748_736_000;

    [Fact]
    public void Rebin_FifteenMinutesIntoOneMinute_SplitsEvenlyWithRemaindersToTheEarliest()
    {
        var series = new ImportedSeries("M", [new ImportedInterval(Day, 900, 1_000_007, 14)]);

        var readings = IntervalRebinner.Rebin(series, 1).Value;

        Assert.Equal(Enumerable.Range(0, 15).Select(k => (Day / 60) + k), readings.Select(r => r.IntervalIndex));
        Assert.Equal([66_668, 66_668, .. Enumerable.Repeat(66_667L, 13)], readings.Select(r => r.ImportMilliwattHours));
        Assert.Equal([.. Enumerable.Repeat(1L, 14), 0], readings.Select(r => r.ExportMilliwattHours));
        Assert.Equal(1_000_007, readings.Sum(r => r.ImportMilliwattHours));
    }

    [Fact]
    public void Rebin_OneMinuteIntoFifteen_SumsEachChainInterval()
    {
        var series = new ImportedSeries("M", [.. Enumerable.Range(0, 30).Select(k => new ImportedInterval(Day + (k * 60), 60, k + 1, k % 2))]);

        var readings = IntervalRebinner.Rebin(series, 15).Value;

        Assert.Equal([new ChainReading(Day / 900, 120, 7), new ChainReading((Day / 900) + 1, 345, 8)], readings);
    }

    [Fact]
    public void Rebin_ZeroEnergyAndGaps_KeepZeroReadingsAndSkipGaps()
    {
        var series = new ImportedSeries("M", [new ImportedInterval(Day, 300, 0, 0), new ImportedInterval(Day + 3600, 300, 5, 0)]);

        var readings = IntervalRebinner.Rebin(series, 5).Value;

        Assert.Equal([new ChainReading(Day / 300, 0, 0), new ChainReading((Day / 300) + 12, 5, 0)], readings);
    }

    [Theory]
    [InlineData(600, 600, 15)]
    [InlineData(300, 1800, 15)]
    [InlineData(0, 1200, 15)]
    [InlineData(30, 60, 1)]
    [InlineData(1800, 7200, 60)]
    public void Rebin_IntervalOffChainBoundaries_IsMisaligned(long offset, long duration, int minutes)
    {
        var series = new ImportedSeries("M", [new ImportedInterval(Day, 900, 1, 0), new ImportedInterval(Day + 3600 + offset, duration, 1, 0)]);

        var result = IntervalRebinner.Rebin(series, minutes);

        Assert.Equal(ImportErrors.RebinMisaligned, result.Error?.Code);
        Assert.Contains(UnixTimeText(Day + 3600 + offset), result.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(30)]
    [InlineData(-15)]
    public void Rebin_UnsupportedChainLength_IsRejected(int minutes)
    {
        var result = IntervalRebinner.Rebin(new ImportedSeries("M", []), minutes);

        Assert.Equal(ImportErrors.RebinBadIntervalLength, result.Error?.Code);
    }

    [Fact]
    public void Rebin_OverlappingOrNegativeSeries_IsInvalid()
    {
        var overlapping = new ImportedSeries("M", [new ImportedInterval(0, 900, 1, 0), new ImportedInterval(600, 900, 1, 0)]);
        var negative = new ImportedSeries("M", [new ImportedInterval(0, 900, -1, 0)]);

        Assert.Equal(ImportErrors.RebinInvalidSeries, IntervalRebinner.Rebin(overlapping, 15).Error?.Code);
        Assert.Equal(ImportErrors.RebinInvalidSeries, IntervalRebinner.Rebin(negative, 15).Error?.Code);
    }

    [Fact]
    public void Rebin_HourlyGreenButtonSampleIntoFifteenMinutes_ConservesEnergy()
    {
        var series = Assert.Single(GreenButtonReadings.Parse(SampleFiles.Read("greenbutton", SampleFiles.GreenButtonHourly)).Value);

        var readings = IntervalRebinner.Rebin(series, 15).Value;

        Assert.Equal(216 * 4, readings.Length);
        Assert.Equal(199_563_000, readings.Sum(r => r.ImportMilliwattHours));
        Assert.Equal(new ChainReading(1_388_552_400 / 900, 68_250, 0), readings[0]);
    }

    [Fact]
    public void Rebin_MsconsSample_SplitsToMinutesButIsMisalignedForFifteen()
    {
        var series = Assert.Single(MsconsReadings.Parse(MsconsReadingsTests.Repaired()).Value);

        var minutes = IntervalRebinner.Rebin(series, 1).Value;
        var quarterHours = IntervalRebinner.Rebin(series, 15);

        Assert.Equal(31 * 24 * 60, minutes.Length);
        Assert.Equal(680_208_000, minutes.Sum(r => r.ImportMilliwattHours));
        Assert.Equal(ImportErrors.RebinMisaligned, quarterHours.Error?.Code);
        Assert.Contains("2015-12-01T19:00:00Z (960 s)", quarterHours.Error!.Message, StringComparison.Ordinal);
    }

    private static string UnixTimeText(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
