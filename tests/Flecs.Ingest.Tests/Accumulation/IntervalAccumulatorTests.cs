using CsCheck;
using Flecs.Core.Time;
using Flecs.Ingest.Accumulation;
using Flecs.Ingest.Payloads;

namespace Flecs.Ingest.Tests.Accumulation;

public sealed class IntervalAccumulatorTests
{
    private static readonly IntervalLength Minute = IntervalLength.FromMinutes(1);

    /// <summary>2024-06-01T12:00:00Z.</summary>
    private static readonly DateTimeOffset Noon = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly long NoonInterval = Noon.ToUnixTimeSeconds() / 60;

    [Fact]
    public void Add_FirstSample_IsABaselineOnly()
    {
        var accumulator = New();

        var step = accumulator.Add(At(0, import: 514_153_000));

        Assert.Empty(step.Completed);
        Assert.Null(step.Issue);
        Assert.Equal(NoonInterval, accumulator.NextInterval);
    }

    [Fact]
    public void Add_DifferenceAcrossIntervals_IsSplitProRataToTheMillisecondAndSumsExactly()
    {
        var accumulator = New();
        accumulator.Add(At(0, import: 514_153_000));

        var step = accumulator.Add(At(90, import: 514_163_000));

        Assert.Equal([new IntervalReading(NoonInterval, 6_667, 0)], step.Completed);
        Assert.Equal([new IntervalReading(NoonInterval + 1, 10_333, 0)], accumulator.Add(At(120, import: 514_170_000)).Completed);
    }

    [Fact]
    public void Add_SampleBeforeTheIntervalEnds_CompletesNothing()
    {
        var accumulator = New();
        accumulator.Add(At(0, import: 0, export: 0));

        var step = accumulator.Add(At(59.999, import: 60, export: 6));

        Assert.Empty(step.Completed);
        Assert.Equal([new IntervalReading(NoonInterval, 60, 6)], accumulator.Add(At(60, import: 60, export: 6)).Completed);
    }

    [Fact]
    public void Add_LongSpan_CompletesEveryIntervalItCovers()
    {
        var accumulator = New();
        accumulator.Add(At(0, import: 0));

        var step = accumulator.Add(At(300, import: 5_000_003));

        Assert.Equal([1_000_001, 1_000_001, 1_000_001, 1_000_000, 1_000_000], step.Completed.Select(r => r.ImportMilliwattHours));
        Assert.Equal(Enumerable.Range(0, 5).Select(i => NoonInterval + i), step.Completed.Select(r => r.Interval));
    }

    [Fact]
    public void Add_BaselineInsideAnInterval_DropsThatPartlyMeasuredInterval()
    {
        var accumulator = New();
        accumulator.Add(At(10, import: 1_000));

        var step = accumulator.Add(At(120, import: 12_000));

        Assert.Equal([new IntervalReading(NoonInterval + 1, 6_000, 0)], step.Completed);
    }

    [Fact]
    public void Add_CounterGoesDown_IsAResetWithANewBaselineAndDropsTheUnmeasuredIntervals()
    {
        var accumulator = New();
        accumulator.Add(At(0, import: 100_000));
        accumulator.Add(At(60, import: 160_000));

        var reset = accumulator.Add(At(150, import: 5_000));
        var after = accumulator.Add(At(240, import: 35_000));

        Assert.Equal(IngestErrors.CounterReset, reset.Issue?.Code);
        Assert.Empty(reset.Completed);
        Assert.Equal([new IntervalReading(NoonInterval + 3, 20_000, 0)], after.Completed);
    }

    [Fact]
    public void Add_OlderSample_IsIgnoredWithACode()
    {
        var accumulator = New();
        accumulator.Add(At(0, import: 0));
        accumulator.Add(At(30, import: 30));

        var step = accumulator.Add(At(20, import: 10));

        Assert.Equal(IngestErrors.SampleOutOfOrder, step.Issue?.Code);
        Assert.Equal([new IntervalReading(NoonInterval, 60, 0)], accumulator.Add(At(60, import: 60)).Completed);
    }

    [Fact]
    public void Add_SameTimeOtherValue_IsOutOfOrder()
    {
        var accumulator = New();
        accumulator.Add(At(0, import: 0));

        var step = accumulator.Add(At(0, import: 5));

        Assert.Equal(IngestErrors.SampleOutOfOrder, step.Issue?.Code);
    }

    [Fact]
    public void Add_ExactRepeat_IsIgnoredSilently()
    {
        var accumulator = New();
        accumulator.Add(At(0, import: 7));

        var step = accumulator.Add(At(0, import: 7));

        Assert.Null(step.Issue);
        Assert.Empty(step.Completed);
    }

    [Fact]
    public void Add_SamplesFurtherApartThanTheMaxGap_IsAGapWithANewBaseline()
    {
        var accumulator = New(maxGapSeconds: 120);
        accumulator.Add(At(0, import: 0));

        var gap = accumulator.Add(At(180, import: 1_000_000));
        var after = accumulator.Add(At(240, import: 1_000_600));

        Assert.Equal(IngestErrors.SampleGap, gap.Issue?.Code);
        Assert.Empty(gap.Completed);
        Assert.Equal([new IntervalReading(NoonInterval + 3, 600, 0)], after.Completed);
    }

    [Fact]
    public void Add_IntervalsBeforeTheFirstInterval_AreDropped()
    {
        var accumulator = New(firstInterval: NoonInterval + 2);
        accumulator.Add(At(0, import: 0));

        var step = accumulator.Add(At(240, import: 4_000));

        Assert.Equal([new IntervalReading(NoonInterval + 2, 1_000, 0), new IntervalReading(NoonInterval + 3, 1_000, 0)], step.Completed);
    }

    [Fact]
    public void Add_ImportAndExportInSeparateMessages_WaitForBothCounters()
    {
        var accumulator = New();
        accumulator.Add(new CounterSample(Noon, 120_345_700, null));
        accumulator.Add(new CounterSample(Noon, null, 1_023_500));

        var importOnly = accumulator.Add(new CounterSample(Noon.AddSeconds(60), 120_365_700, null));
        var both = accumulator.Add(new CounterSample(Noon.AddSeconds(60), null, 1_023_500));

        Assert.Empty(importOnly.Completed);
        Assert.Equal([new IntervalReading(NoonInterval, 20_000, 0)], both.Completed);
    }

    [Fact]
    public void Add_ExportCounterNeverSeen_CountsAsZero()
    {
        var accumulator = New();
        accumulator.Add(At(0, import: 0));

        var step = accumulator.Add(At(60, import: 42));

        Assert.Equal([new IntervalReading(NoonInterval, 42, 0)], step.Completed);
    }

    [Fact]
    public void Add_SampleWithoutTime_Throws()
    {
        var accumulator = New();

        Assert.Throws<ArgumentException>(() => accumulator.Add(new CounterSample(null, 1, null)));
    }

    [Fact]
    public void Add_AnySamplesFromBoundaryToBoundary_EmitEveryIntervalOnceAndPartsSumToTheDifference()
    {
        var spans = Gen.Select(Gen.Long[1, 600_000], Gen.Long[0, 50_000_000], Gen.Long[0, 5_000_000]).Array[1, 40];
        Gen.Select(spans, Gen.Int[1, 4].Select(i => IntervalLength.AllowedMinutes[i - 1])).Sample((steps, minutes) =>
        {
            var length = IntervalLength.FromMinutes(minutes);
            var accumulator = new IntervalAccumulator(length, long.MinValue, TimeSpan.FromHours(1));
            var startMs = NoonInterval * 60_000;
            long ms = startMs, import = 1_000_000, export = 0;
            var emitted = new List<IntervalReading>(accumulator.Add(new CounterSample(DateTimeOffset.FromUnixTimeMilliseconds(ms), import, export)).Completed);
            foreach (var (deltaMs, deltaImport, deltaExport) in steps)
            {
                ms += deltaMs;
                import += deltaImport;
                export += deltaExport;
                emitted.AddRange(accumulator.Add(new CounterSample(DateTimeOffset.FromUnixTimeMilliseconds(ms), import, export)).Completed);
            }

            var lengthMs = length.Seconds * 1_000;
            var endMs = ((ms + lengthMs - 1) / lengthMs) * lengthMs;
            if (endMs > ms)
            {
                emitted.AddRange(accumulator.Add(new CounterSample(DateTimeOffset.FromUnixTimeMilliseconds(endMs), import, export)).Completed);
            }

            var first = startMs / lengthMs;
            return emitted.Select(r => r.Interval).SequenceEqual(Enumerable.Range(0, (int)((endMs / lengthMs) - first)).Select(i => first + i))
                && emitted.Sum(r => r.ImportMilliwattHours) == import - 1_000_000
                && emitted.Sum(r => r.ExportMilliwattHours) == export
                && emitted.All(r => r.ImportMilliwattHours >= 0 && r.ExportMilliwattHours >= 0);
        });
    }

    private static IntervalAccumulator New(long firstInterval = long.MinValue, int maxGapSeconds = 3_600) =>
        new(Minute, firstInterval, TimeSpan.FromSeconds(maxGapSeconds));

    private static CounterSample At(double seconds, long import, long? export = null) =>
        new(Noon.AddMilliseconds(Math.Round(seconds * 1_000)), import, export);
}
