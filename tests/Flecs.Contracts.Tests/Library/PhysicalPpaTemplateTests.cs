using Flecs.Contracts.Library;
using Flecs.Contracts.Runtime;
using Flecs.Contracts.Values;

namespace Flecs.Contracts.Tests.Library;

/// <summary>The standard <c>physical-ppa</c> template: delivery capped at the contracted profile of the UTC time slot, paid at a fixed price.</summary>
public sealed class PhysicalPpaTemplateTests
{
    // 24 hourly caps, mWh per interval: hour 0 = 50,000,000, hour 23 = 120,000,000, every other hour 100,000,000.
    private const string HourlyProfile = "[50000000, 100000000, 100000000, 100000000, 100000000, 100000000, 100000000, 100000000, 100000000, 100000000, 100000000, 100000000, "
        + "100000000, 100000000, 100000000, 100000000, 100000000, 100000000, 100000000, 100000000, 100000000, 100000000, 100000000, 120000000]";

    [Fact]
    public void Run_ExportAboveProfile_DeliversTheHourlyCap()
    {
        // 23:30, 23:45 (hour 23, cap 120,000,000) then 00:00, 00:15 (hour 0, cap 50,000,000); price 85,000 µ/kWh.
        var outcomes = Run(
            $$"""{ "price": 85000, "profile": {{HourlyProfile}} }""",
            """{ "start": "2026-01-31T23:30Z", "minutes": 15, "count": 4, "meters": { "generator": { "import": 0, "export": [100000000, 150000000, 40000000, 70000000] } } }""");

        // min(100,000,000, 120,000,000) = 100,000,000 mWh; × 85,000 µ/kWh / 10^6 = 8,500,000 µ.
        Assert.Equal<Allocation>([new("generator", "offtaker", 100_000_000, "ppa")], outcomes[0].Allocations);
        Assert.Equal<Payment>([new("offtaker", "generator", 8_500_000, "ppa energy")], outcomes[0].Payments);

        // min(150,000,000, 120,000,000) = 120,000,000 mWh (capped); × 85,000 / 10^6 = 10,200,000 µ.
        Assert.Equal<Allocation>([new("generator", "offtaker", 120_000_000, "ppa")], outcomes[1].Allocations);
        Assert.Equal<Payment>([new("offtaker", "generator", 10_200_000, "ppa energy")], outcomes[1].Payments);

        // Hour 0: min(40,000,000, 50,000,000) = 40,000,000 mWh; × 85,000 / 10^6 = 3,400,000 µ.
        Assert.Equal<Allocation>([new("generator", "offtaker", 40_000_000, "ppa")], outcomes[2].Allocations);
        Assert.Equal<Payment>([new("offtaker", "generator", 3_400_000, "ppa energy")], outcomes[2].Payments);

        // Hour 0: min(70,000,000, 50,000,000) = 50,000,000 mWh (capped); × 85,000 / 10^6 = 4,250,000 µ.
        Assert.Equal<Allocation>([new("generator", "offtaker", 50_000_000, "ppa")], outcomes[3].Allocations);
        Assert.Equal<Payment>([new("offtaker", "generator", 4_250_000, "ppa energy")], outcomes[3].Payments);
    }

    [Fact]
    public void Run_FourBlockProfile_UsesTheSixHourBlockOfTheInterval()
    {
        // 4 entries = 6-hour blocks: 05:00 is in block 0 (cap 10,000,000), 06:00 in block 1 (cap 20,000,000). Price 50,000 µ/kWh.
        var outcomes = Run(
            """{ "price": 50000, "profile": [10000000, 20000000, 30000000, 40000000] }""",
            """{ "start": "2026-02-02T05:00Z", "minutes": 60, "count": 2, "meters": { "generator": { "import": 0, "export": 25000000 } } }""");

        // min(25,000,000, 10,000,000) = 10,000,000 mWh; × 50,000 / 10^6 = 500,000 µ.
        Assert.Equal<Allocation>([new("generator", "offtaker", 10_000_000, "ppa")], outcomes[0].Allocations);
        Assert.Equal<Payment>([new("offtaker", "generator", 500_000, "ppa energy")], outcomes[0].Payments);

        // min(25,000,000, 20,000,000) = 20,000,000 mWh; × 50,000 / 10^6 = 1,000,000 µ.
        Assert.Equal<Allocation>([new("generator", "offtaker", 20_000_000, "ppa")], outcomes[1].Allocations);
        Assert.Equal<Payment>([new("offtaker", "generator", 1_000_000, "ppa energy")], outcomes[1].Payments);
    }

    [Fact]
    public void Run_ProfileLengthNotDividingTheDay_Throws()
    {
        var result = RunRaw("""{ "price": 50000, "profile": [1, 2, 3, 4, 5, 6, 7] }""", """{ "start": "2026-02-02T05:00Z", "minutes": 60, "count": 1, "meters": { "generator": { "import": 0, "export": 1000 } } }""");

        Assert.False(result.IsSuccess);
        Assert.Equal(ContractErrors.Threw, result.Error.Code);
    }

    [Fact]
    public void RunSeries_MissingProfile_FailsWithInvalidParams()
    {
        var result = RunRaw("""{ "price": 50000 }""", """{ "start": "2026-02-02T05:00Z", "minutes": 60, "count": 1, "meters": { "generator": { "import": 0, "export": 1000 } } }""");

        Assert.False(result.IsSuccess);
        Assert.Equal(ContractErrors.InvalidParameters, result.Error.Code);
    }

    private static Flecs.Core.Results.Result<IReadOnlyList<IntervalOutcome>> RunRaw(string parameters, string seriesJson)
    {
        var series = SeriesInput.FromValue(ContractValue.ParseJson(seriesJson).Value);
        Assert.True(series.IsSuccess, series.IsSuccess ? string.Empty : series.Error.ToString());
        return new ContractRuntime().RunSeries(StandardLibrary.Get("physical-ppa"), ContractValue.ParseJson(parameters).Value, null, series.Value);
    }

    private static IReadOnlyList<IntervalOutcome> Run(string parameters, string seriesJson)
    {
        var result = RunRaw(parameters, seriesJson);
        Assert.True(result.IsSuccess, result.IsSuccess ? string.Empty : result.Error.ToString());
        return result.Value;
    }
}
