using Flecs.Contracts.Library;
using Flecs.Contracts.Runtime;
using Flecs.Contracts.Values;

namespace Flecs.Contracts.Tests.Library;

/// <summary>The standard <c>p2g</c> template: retail supply at mpm + supplySpread (or a time-of-use table) and feed-in at mpm − feedInSpread.</summary>
public sealed class P2gTemplateTests
{
    [Fact]
    public void Run_ImportAndExport_SuppliesAtMpmPlusSpreadAndBuysFeedInAtMpmMinusSpread()
    {
        // supplySpread 30,000 µ/kWh, feedInSpread 10,000 µ/kWh.
        var outcomes = Run(
            """{ "supplySpread": 30000, "feedInSpread": 10000 }""",
            """{ "start": "2026-03-02T10:00Z", "minutes": 15, "count": 3, "meters": { "prosumer": { "import": [2000000, 0, 1000000], "export": [0, 3000000, 500000] } }, "prices": { "mpm": [80000, 50000, 60000] } }""");

        // Supply price 80,000 + 30,000 = 110,000; 2,000,000 × 110,000 / 10^6 = 220,000 µ prosumer → retailer. No export.
        Assert.Equal<Allocation>([new("retailer", "prosumer", 2_000_000, "supply")], outcomes[0].Allocations);
        Assert.Equal<Payment>([new("prosumer", "retailer", 220_000, "supply")], outcomes[0].Payments);

        // Feed-in price 50,000 − 10,000 = 40,000; 3,000,000 × 40,000 / 10^6 = 120,000 µ retailer → prosumer. No import.
        Assert.Equal<Allocation>([new("prosumer", "retailer", 3_000_000, "feed-in")], outcomes[1].Allocations);
        Assert.Equal<Payment>([new("retailer", "prosumer", 120_000, "feed-in")], outcomes[1].Payments);

        // Both in one interval: supply 1,000,000 × (60,000 + 30,000) / 10^6 = 90,000 µ; feed-in 500,000 × (60,000 − 10,000) / 10^6 = 25,000 µ.
        Assert.Equal<Allocation>([new("retailer", "prosumer", 1_000_000, "supply"), new("prosumer", "retailer", 500_000, "feed-in")], outcomes[2].Allocations);
        Assert.Equal<Payment>([new("prosumer", "retailer", 90_000, "supply"), new("retailer", "prosumer", 25_000, "feed-in")], outcomes[2].Payments);
    }

    [Fact]
    public void Run_NegativePrices_ReverseThePayments()
    {
        var outcomes = Run(
            """{ "supplySpread": 30000, "feedInSpread": 10000 }""",
            """{ "start": "2026-03-02T10:00Z", "minutes": 15, "count": 2, "meters": { "prosumer": { "import": 2000000, "export": 1000000 } }, "prices": { "mpm": [-40000, 5000] } }""");

        // mpm −40,000: supply price −40,000 + 30,000 = −10,000 → retailer pays prosumer 2,000,000 × 10,000 / 10^6 = 20,000 µ;
        // feed-in price −40,000 − 10,000 = −50,000 → prosumer pays retailer 1,000,000 × 50,000 / 10^6 = 50,000 µ.
        Assert.Equal<Payment>([new("retailer", "prosumer", 20_000, "supply"), new("prosumer", "retailer", 50_000, "feed-in")], outcomes[0].Payments);

        // mpm 5,000: supply 2,000,000 × 35,000 / 10^6 = 70,000 µ prosumer → retailer;
        // feed-in price 5,000 − 10,000 = −5,000 → prosumer pays retailer 1,000,000 × 5,000 / 10^6 = 5,000 µ.
        Assert.Equal<Payment>([new("prosumer", "retailer", 70_000, "supply"), new("prosumer", "retailer", 5_000, "feed-in")], outcomes[1].Payments);

        // Energy flows the same way whatever the price.
        Assert.All(outcomes, o => Assert.Equal<Allocation>([new("retailer", "prosumer", 2_000_000, "supply"), new("prosumer", "retailer", 1_000_000, "feed-in")], o.Allocations));
    }

    [Fact]
    public void Run_SupplyTou_ReplacesMpmPlusSpreadForSupplyOnly()
    {
        // Weekday 11:00–17:00 at 100,000 µ/kWh, else 200,000. 2026-03-02 is a Monday (dayOfWeek 1).
        var outcomes = Run(
            """{ "supplySpread": 30000, "feedInSpread": 10000, "supplyTou": { "base": 200000, "windows": [{ "from": 660, "to": 1020, "price": 100000, "days": [1, 2, 3, 4, 5] }] } }""",
            """{ "start": "2026-03-02T10:45Z", "minutes": 15, "count": 2, "meters": { "prosumer": { "import": 1000000, "export": 400000 } }, "prices": { "mpm": 80000 } }""");

        // 10:45 (minute 645, outside the window): supply 1,000,000 × 200,000 / 10^6 = 200,000 µ (not 80,000 + 30,000);
        // feed-in still mpm − spread: 400,000 × (80,000 − 10,000) / 10^6 = 28,000 µ.
        Assert.Equal<Payment>([new("prosumer", "retailer", 200_000, "supply"), new("retailer", "prosumer", 28_000, "feed-in")], outcomes[0].Payments);

        // 11:00 (minute 660, in the window): supply 1,000,000 × 100,000 / 10^6 = 100,000 µ; feed-in 28,000 µ.
        Assert.Equal<Payment>([new("prosumer", "retailer", 100_000, "supply"), new("retailer", "prosumer", 28_000, "feed-in")], outcomes[1].Payments);
    }

    [Fact]
    public void RunSeries_NegativeSpread_FailsWithThrew()
    {
        var result = RunRaw(
            """{ "supplySpread": -1 }""",
            """{ "start": "2026-03-02T10:00Z", "minutes": 15, "count": 1, "meters": { "prosumer": { "import": 1000, "export": 0 } }, "prices": { "mpm": 80000 } }""");

        Assert.False(result.IsSuccess);
        Assert.Equal(ContractErrors.Threw, result.Error.Code);
    }

    private static Flecs.Core.Results.Result<IReadOnlyList<IntervalOutcome>> RunRaw(string parameters, string seriesJson)
    {
        var series = SeriesInput.FromValue(ContractValue.ParseJson(seriesJson).Value);
        Assert.True(series.IsSuccess, series.IsSuccess ? string.Empty : series.Error.ToString());
        return new ContractRuntime().RunSeries(StandardLibrary.Get("p2g"), ContractValue.ParseJson(parameters).Value, null, series.Value);
    }

    private static IReadOnlyList<IntervalOutcome> Run(string parameters, string seriesJson)
    {
        var result = RunRaw(parameters, seriesJson);
        Assert.True(result.IsSuccess, result.IsSuccess ? string.Empty : result.Error.ToString());
        return result.Value;
    }
}
