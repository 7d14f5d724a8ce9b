using Flecs.Contracts.Library;
using Flecs.Contracts.Runtime;
using Flecs.Contracts.Values;

namespace Flecs.Contracts.Tests.Library;

/// <summary>The standard <c>p2p-indexed</c> template: min(seller export, buyer import) at clamp(reference + spread, floor, cap).</summary>
public sealed class P2pIndexedTemplateTests
{
    [Fact]
    public void Run_ReferenceBelowFloorThenInsideThenAboveCap_CollarBindsAtBothBounds()
    {
        // Spread 5,000 µ/kWh; collar [40,000, 120,000] µ/kWh.
        var outcomes = Run(
            """{ "spread": 5000, "floor": 40000, "cap": 120000 }""",
            """{ "start": "2026-03-02T10:00Z", "minutes": 15, "count": 3, "meters": { "seller": { "import": 0, "export": 1000000 }, "buyer": { "import": [2000000, 600000, 1000000], "export": 0 } }, "prices": { "reference": [20000, 80000, 150000] } }""");

        // energy min(1,000,000, 2,000,000) = 1,000,000 mWh; price clamp(20,000 + 5,000 = 25,000) = floor 40,000;
        // 1,000,000 × 40,000 / 10^6 = 40,000 µ.
        Assert.Equal<Allocation>([new("seller", "buyer", 1_000_000, "p2p")], outcomes[0].Allocations);
        Assert.Equal<Payment>([new("buyer", "seller", 40_000, "p2p energy")], outcomes[0].Payments);

        // energy min(1,000,000, 600,000) = 600,000 mWh; price 80,000 + 5,000 = 85,000 (inside the collar);
        // 600,000 × 85,000 / 10^6 = 51,000 µ.
        Assert.Equal<Allocation>([new("seller", "buyer", 600_000, "p2p")], outcomes[1].Allocations);
        Assert.Equal<Payment>([new("buyer", "seller", 51_000, "p2p energy")], outcomes[1].Payments);

        // energy 1,000,000 mWh; price clamp(150,000 + 5,000 = 155,000) = cap 120,000; 1,000,000 × 120,000 / 10^6 = 120,000 µ.
        Assert.Equal<Allocation>([new("seller", "buyer", 1_000_000, "p2p")], outcomes[2].Allocations);
        Assert.Equal<Payment>([new("buyer", "seller", 120_000, "p2p energy")], outcomes[2].Payments);
    }

    [Fact]
    public void Run_NegativeUnitPrice_SellerPaysBuyer()
    {
        // Spread −10,000 µ/kWh; collar [−50,000, 100,000] µ/kWh.
        var outcomes = Run(
            """{ "spread": -10000, "floor": -50000, "cap": 100000 }""",
            """{ "start": "2026-03-02T10:00Z", "minutes": 15, "count": 2, "meters": { "seller": { "import": 0, "export": 1000000 }, "buyer": { "import": 1000000, "export": 0 } }, "prices": { "reference": [-20000, -80000] } }""");

        // price −20,000 − 10,000 = −30,000; seller → buyer 1,000,000 × 30,000 / 10^6 = 30,000 µ. Energy still flows seller → buyer.
        Assert.Equal<Allocation>([new("seller", "buyer", 1_000_000, "p2p")], outcomes[0].Allocations);
        Assert.Equal<Payment>([new("seller", "buyer", 30_000, "p2p energy")], outcomes[0].Payments);

        // price clamp(−80,000 − 10,000 = −90,000) = floor −50,000; seller → buyer 1,000,000 × 50,000 / 10^6 = 50,000 µ.
        Assert.Equal<Payment>([new("seller", "buyer", 50_000, "p2p energy")], outcomes[1].Payments);
    }

    [Fact]
    public void Run_SpreadOmitted_PaysReferenceRoundedHalfEven()
    {
        var outcomes = Run(
            """{ "floor": 0, "cap": 200000 }""",
            """{ "start": "2026-03-02T10:00Z", "minutes": 15, "count": 1, "meters": { "seller": { "import": 0, "export": 12345 }, "buyer": { "import": 99999, "export": 0 } }, "prices": { "reference": 85001 } }""");

        // spread 0: price 85,001; energy min(12,345, 99,999) = 12,345 mWh; 12,345 × 85,001 / 10^6 = 1,049.337… → 1,049 µ.
        Assert.Equal<Allocation>([new("seller", "buyer", 12_345, "p2p")], outcomes[0].Allocations);
        Assert.Equal<Payment>([new("buyer", "seller", 1_049, "p2p energy")], outcomes[0].Payments);
    }

    [Fact]
    public void RunSeries_FloorAboveCap_FailsWithThrew()
    {
        var result = RunRaw(
            """{ "floor": 90000, "cap": 80000 }""",
            """{ "start": "2026-03-02T10:00Z", "minutes": 15, "count": 1, "meters": { "seller": { "import": 0, "export": 1000 }, "buyer": { "import": 1000, "export": 0 } }, "prices": { "reference": 85000 } }""");

        Assert.False(result.IsSuccess);
        Assert.Equal(ContractErrors.Threw, result.Error.Code);
        Assert.Contains("floor", result.Error.Message, StringComparison.Ordinal);
    }

    private static Flecs.Core.Results.Result<IReadOnlyList<IntervalOutcome>> RunRaw(string parameters, string seriesJson)
    {
        var series = SeriesInput.FromValue(ContractValue.ParseJson(seriesJson).Value);
        Assert.True(series.IsSuccess, series.IsSuccess ? string.Empty : series.Error.ToString());
        return new ContractRuntime().RunSeries(StandardLibrary.Get("p2p-indexed"), ContractValue.ParseJson(parameters).Value, null, series.Value);
    }

    private static IReadOnlyList<IntervalOutcome> Run(string parameters, string seriesJson)
    {
        var result = RunRaw(parameters, seriesJson);
        Assert.True(result.IsSuccess, result.IsSuccess ? string.Empty : result.Error.ToString());
        return result.Value;
    }
}
