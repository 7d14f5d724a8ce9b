namespace Flecs.Import.Tests;

public sealed class SeriesAssemblerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Add_RandomReadings_KeepsExactlyThoseAFirstWinsModelKeeps(int seed)
    {
        var random = new Random(seed);
        var assembler = new SeriesAssembler("test.overlap");
        var kept = new List<ImportedInterval>();
        for (var i = 0; i < 400; i++)
        {
            var start = random.Next(0, 200) * 60L;
            var duration = random.Next(1, 6) * 60L;
            var isImport = random.Next(2) == 0;
            var energy = (long)i;

            var error = assembler.Add("M", start, duration, isImport ? energy : null, isImport ? null : energy, $"reading {i}");

            // The model: a reading merges into a kept one with the same period that lacks its direction, and is
            // otherwise kept only when it shares no second with any kept reading.
            var sameIndex = kept.FindIndex(k => k.StartUnixSeconds == start);
            var merges = sameIndex >= 0 && kept[sameIndex].DurationSeconds == duration
                && (isImport ? kept[sameIndex].ImportMilliwattHours < 0 : kept[sameIndex].ExportMilliwattHours < 0);
            var overlaps = !merges && kept.Any(k => k.StartUnixSeconds < start + duration && start < k.EndUnixSeconds);
            Assert.Equal(overlaps, error is not null);
            if (merges)
            {
                kept[sameIndex] = isImport ? kept[sameIndex] with { ImportMilliwattHours = energy } : kept[sameIndex] with { ExportMilliwattHours = energy };
            }
            else if (!overlaps)
            {
                kept.Add(new ImportedInterval(start, duration, isImport ? energy : -1, isImport ? -1 : energy));
            }

            if (error is not null)
            {
                Assert.Equal("test.overlap", error.Code);
                Assert.StartsWith($"reading {i}: the reading of meter 'M' from ", error.Message, StringComparison.Ordinal);
            }
        }

        var series = Assert.Single(assembler.Build());
        var expected = kept.OrderBy(k => k.StartUnixSeconds).Select(k => k with { ImportMilliwattHours = Math.Max(0, k.ImportMilliwattHours), ExportMilliwattHours = Math.Max(0, k.ExportMilliwattHours) });
        Assert.Equal(expected, series.Intervals);
    }

    [Fact]
    public void Add_AdjacentReadingsInAnyOrder_DoNotOverlap()
    {
        var assembler = new SeriesAssembler("test.overlap");

        Assert.Null(assembler.Add("M", 900, 900, 2, null, "b"));
        Assert.Null(assembler.Add("M", 1800, 900, 3, null, "c"));
        Assert.Null(assembler.Add("M", 0, 900, 1, null, "a"));
        var inside = assembler.Add("M", 0, 2700, null, 1, "whole");
        var reaching = assembler.Add("M", 600, 600, 1, null, "middle");

        Assert.Contains("overlaps the one at a (", inside?.Message, StringComparison.Ordinal);
        Assert.Contains("overlaps the one at a (", reaching?.Message, StringComparison.Ordinal);
        Assert.Equal([0L, 900L, 1800L], Assert.Single(assembler.Build()).Intervals.Select(i => i.StartUnixSeconds));
    }
}
