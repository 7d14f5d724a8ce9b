using Flecs.Contracts.Library;
using Flecs.Contracts.Runtime;
using Flecs.Contracts.Values;

namespace Flecs.Contracts.Tests.Library;

/// <summary>The standard <c>p2p-fixed</c> template: the buyer takes min(seller export, buyer import, cap) at a fixed price.</summary>
public sealed class P2pFixedTemplateTests
{
    [Fact]
    public void Run_ExportAndImportDiffer_TradesTheSmallerAtTheFixedPrice()
    {
        // Price 85,000 µ/kWh (85 EUR/MWh), no cap.
        var outcomes = Run(
            """{ "price": 85000 }""",
            """{ "start": "2026-03-02T10:00Z", "minutes": 15, "count": 3, "meters": { "seller": { "import": 0, "export": [2000000, 500000, 0] }, "buyer": { "import": [1200000, 800000, 300000], "export": 0 } } }""");

        // min(2,000,000, 1,200,000) = 1,200,000 mWh; 1,200,000 × 85,000 / 10^6 = 102,000 µ.
        Assert.Equal<Allocation>([new("seller", "buyer", 1_200_000, "p2p")], outcomes[0].Allocations);
        Assert.Equal<Payment>([new("buyer", "seller", 102_000, "p2p energy")], outcomes[0].Payments);

        // min(500,000, 800,000) = 500,000 mWh; 500,000 × 85,000 / 10^6 = 42,500 µ.
        Assert.Equal<Allocation>([new("seller", "buyer", 500_000, "p2p")], outcomes[1].Allocations);
        Assert.Equal<Payment>([new("buyer", "seller", 42_500, "p2p energy")], outcomes[1].Payments);

        // min(0, 300,000) = 0: nothing traded, nothing paid.
        Assert.Empty(outcomes[2].Allocations);
        Assert.Empty(outcomes[2].Payments);
    }

    [Fact]
    public void Run_NegativePrice_SellerPaysTheBuyer()
    {
        var outcomes = Run(
            """{ "price": -20000 }""",
            """{ "start": "2026-03-02T10:00Z", "minutes": 15, "count": 1, "meters": { "seller": { "import": 0, "export": 1500000 }, "buyer": { "import": 2000000, "export": 0 } } }""");

        // 1,500,000 mWh × −20,000 µ/kWh / 10^6 = −30,000 µ: the seller pays 30,000 µ.
        Assert.Equal<Allocation>([new("seller", "buyer", 1_500_000, "p2p")], outcomes[0].Allocations);
        Assert.Equal<Payment>([new("seller", "buyer", 30_000, "p2p energy")], outcomes[0].Payments);
    }

    [Fact]
    public void Run_CapBelowMatchedEnergy_TradesOnlyTheCap()
    {
        var outcomes = Run(
            """{ "price": 85000, "cap": 1000000 }""",
            """{ "start": "2026-03-02T10:00Z", "minutes": 15, "count": 2, "meters": { "seller": { "import": 0, "export": [3000000, 400000] }, "buyer": { "import": 2500000, "export": 0 } } }""");

        // min(3,000,000, 2,500,000, cap 1,000,000) = 1,000,000 mWh; 1,000,000 × 85,000 / 10^6 = 85,000 µ.
        Assert.Equal<Allocation>([new("seller", "buyer", 1_000_000, "p2p")], outcomes[0].Allocations);
        Assert.Equal<Payment>([new("buyer", "seller", 85_000, "p2p energy")], outcomes[0].Payments);

        // min(400,000, 2,500,000, 1,000,000) = 400,000 mWh (cap not binding); 400,000 × 85,000 / 10^6 = 34,000 µ.
        Assert.Equal<Allocation>([new("seller", "buyer", 400_000, "p2p")], outcomes[1].Allocations);
        Assert.Equal<Payment>([new("buyer", "seller", 34_000, "p2p energy")], outcomes[1].Payments);
    }

    [Fact]
    public void Run_ValueOnAHalf_RoundsHalfToEven()
    {
        var outcomes = Run(
            """{ "price": 1000 }""",
            """{ "start": "2026-03-02T10:00Z", "minutes": 15, "count": 3, "meters": { "seller": { "import": 0, "export": [1500, 2500, 12345] }, "buyer": { "import": 1000000, "export": 0 } } }""");

        // 1,500 × 1,000 / 10^6 = 1.5 → 2 µ; 2,500 × 1,000 / 10^6 = 2.5 → 2 µ; 12,345 × 1,000 / 10^6 = 12.345 → 12 µ.
        Assert.Equal<Payment>([new("buyer", "seller", 2, "p2p energy")], outcomes[0].Payments);
        Assert.Equal<Payment>([new("buyer", "seller", 2, "p2p energy")], outcomes[1].Payments);
        Assert.Equal<Payment>([new("buyer", "seller", 12, "p2p energy")], outcomes[2].Payments);
    }

    [Fact]
    public void RunSeries_MissingPrice_FailsWithInvalidParameters()
    {
        var result = RunRaw("""{ "cap": 1000 }""", """{ "start": "2026-03-02T10:00Z", "minutes": 15, "count": 1, "meters": { "seller": { "import": 0, "export": 1000 }, "buyer": { "import": 1000, "export": 0 } } }""");

        Assert.False(result.IsSuccess);
        Assert.Equal(ContractErrors.InvalidParameters, result.Error.Code);
    }

    private static Flecs.Core.Results.Result<IReadOnlyList<IntervalOutcome>> RunRaw(string parameters, string seriesJson)
    {
        var series = SeriesInput.FromValue(ContractValue.ParseJson(seriesJson).Value);
        Assert.True(series.IsSuccess, series.IsSuccess ? string.Empty : series.Error.ToString());
        return new ContractRuntime().RunSeries(StandardLibrary.Get("p2p-fixed"), ContractValue.ParseJson(parameters).Value, null, series.Value);
    }

    private static IReadOnlyList<IntervalOutcome> Run(string parameters, string seriesJson)
    {
        var result = RunRaw(parameters, seriesJson);
        Assert.True(result.IsSuccess, result.IsSuccess ? string.Empty : result.Error.ToString());
        return result.Value;
    }
}
