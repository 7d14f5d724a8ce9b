using Flecs.Contracts.Library;
using Flecs.Contracts.Runtime;
using Flecs.Contracts.Values;

namespace Flecs.Contracts.Tests.Library;

/// <summary>The standard <c>virtual-ppa</c> template: a contract for difference on the generator's metered export, no energy allocated.</summary>
public sealed class VirtualPpaTemplateTests
{
    [Fact]
    public void Run_ReferenceBelowThenAboveStrike_PaysInBothDirections()
    {
        // Strike 70,000 µ/kWh (70 EUR/MWh); share defaults to 1,000,000 ppm (all of the export).
        var outcomes = Run(
            """{ "strike": 70000 }""",
            """{ "start": "2026-01-31T23:00Z", "minutes": 15, "count": 4, "meters": { "generator": { "import": 0, "export": [200000000, 300000000, 100000000, 0] } }, "prices": { "reference": [50000, 95000, 70000, 40000] } }""");

        // 200,000,000 mWh × (70,000 − 50,000) µ/kWh / 10^6 = 4,000,000 µ, offtaker → generator.
        Assert.Equal<Payment>([new("offtaker", "generator", 4_000_000, "cfd")], outcomes[0].Payments);

        // 300,000,000 mWh × (95,000 − 70,000) µ/kWh / 10^6 = 7,500,000 µ, generator → offtaker (reference above strike).
        Assert.Equal<Payment>([new("generator", "offtaker", 7_500_000, "cfd")], outcomes[1].Payments);

        // Reference = strike: 100,000,000 × 0 = 0 → no payment. No export: 0 × 30,000 = 0 → no payment.
        Assert.Empty(outcomes[2].Payments);
        Assert.Empty(outcomes[3].Payments);

        // Financial only: never an energy allocation.
        Assert.All(outcomes, o => Assert.Empty(o.Allocations));
    }

    [Fact]
    public void Run_QuarterShare_SettlesThatShareRoundedHalfEven()
    {
        var outcomes = Run(
            """{ "strike": 70000, "share": 250000 }""",
            """{ "start": "2026-01-31T23:00Z", "minutes": 15, "count": 1, "meters": { "generator": { "import": 0, "export": 123457 } }, "prices": { "reference": 45000 } }""");

        // energy = 123,457 mWh × 250,000 ppm / 10^6 = 30,864.25 → 30,864 mWh;
        // 30,864 mWh × (70,000 − 45,000) µ/kWh / 10^6 = 771.6 → 772 µ, offtaker → generator.
        Assert.Equal<Payment>([new("offtaker", "generator", 772, "cfd")], outcomes[0].Payments);
    }

    [Fact]
    public void RunSeries_MissingStrike_FailsWithInvalidParams()
    {
        var result = RunRaw("""{ "share": 500000 }""", """{ "start": "2026-01-31T23:00Z", "minutes": 15, "count": 1, "meters": { "generator": { "import": 0, "export": 1000 } }, "prices": { "reference": 45000 } }""");

        Assert.False(result.IsSuccess);
        Assert.Equal(ContractErrors.InvalidParameters, result.Error.Code);
    }

    private static Flecs.Core.Results.Result<IReadOnlyList<IntervalOutcome>> RunRaw(string parameters, string seriesJson)
    {
        var series = SeriesInput.FromValue(ContractValue.ParseJson(seriesJson).Value);
        Assert.True(series.IsSuccess, series.IsSuccess ? string.Empty : series.Error.ToString());
        return new ContractRuntime().RunSeries(StandardLibrary.Get("virtual-ppa"), ContractValue.ParseJson(parameters).Value, null, series.Value);
    }

    private static IReadOnlyList<IntervalOutcome> Run(string parameters, string seriesJson)
    {
        var result = RunRaw(parameters, seriesJson);
        Assert.True(result.IsSuccess, result.IsSuccess ? string.Empty : result.Error.ToString());
        return result.Value;
    }
}
