using Flecs.Contracts.Library;
using Flecs.Contracts.Runtime;
using Flecs.Contracts.Values;

namespace Flecs.Contracts.Tests.Library;

/// <summary>The standard <c>take-or-pay</c> template: delivered energy at a fixed price, plus the shortfall below a minimum per billing period.</summary>
public sealed class TakeOrPayTemplateTests
{
    [Fact]
    public void Run_PeriodEndBelowMinimum_ChargesShortfallOnlyThereAndResetsForTheNextPeriod()
    {
        // 2026-01-31 23:00 to 2026-02-01 00:45: intervals 0–3 are January (23:45 ends the month), 4–7 are February
        // (00:45 ends the term). Price 80,000 µ/kWh; minimum 500,000,000 mWh per period; shortfall 30,000 µ/kWh.
        var outcomes = Run(
            """{ "price": 80000, "minimum": 500000000, "shortfallPrice": 30000 }""",
            """{ "start": "2026-01-31T23:00Z", "minutes": 15, "count": 8, "meters": { "seller": { "import": 0, "export": [100000000, 100000000, 100000000, 100000000, 200000000, 200000000, 200000000, 200000000] }, "buyer": { "import": [1000000000, 1000000000, 50000000, 1000000000, 1000000000, 1000000000, 1000000000, 1000000000], "export": 0 } } }""");

        // January: delivered 100,000,000 + 100,000,000 + min(100,000,000, 50,000,000) + 100,000,000 = 350,000,000 mWh.
        // 100,000,000 mWh × 80,000 µ/kWh / 10^6 = 8,000,000 µ; 50,000,000 × 80,000 / 10^6 = 4,000,000 µ.
        Assert.Equal<Payment>([new("buyer", "seller", 8_000_000, "energy")], outcomes[0].Payments);
        Assert.Equal<Payment>([new("buyer", "seller", 8_000_000, "energy")], outcomes[1].Payments);
        Assert.Equal<Allocation>([new("seller", "buyer", 50_000_000, "supply")], outcomes[2].Allocations);
        Assert.Equal<Payment>([new("buyer", "seller", 4_000_000, "energy")], outcomes[2].Payments);

        // 23:45 ends January: shortfall (500,000,000 − 350,000,000) mWh × 30,000 µ/kWh / 10^6 = 4,500,000 µ.
        Assert.Equal<Payment>([new("buyer", "seller", 8_000_000, "energy"), new("buyer", "seller", 4_500_000, "shortfall")], outcomes[3].Payments);
        Assert.Equal(ContractValue.ParseJson("""{ "period": 202601, "delivered": 350000000 }""").Value, outcomes[3].State);

        // February restarts the count: 200,000,000 mWh each; 200,000,000 × 80,000 / 10^6 = 16,000,000 µ.
        Assert.Equal(ContractValue.ParseJson("""{ "period": 202602, "delivered": 200000000 }""").Value, outcomes[4].State);
        for (var i = 4; i < 8; i++)
        {
            Assert.Equal<Payment>([new("buyer", "seller", 16_000_000, "energy")], outcomes[i].Payments);
        }

        // The term ends in February with 4 × 200,000,000 = 800,000,000 ≥ 500,000,000 mWh: no shortfall.
        Assert.Equal(ContractValue.ParseJson("""{ "period": 202602, "delivered": 800000000 }""").Value, outcomes[7].State);
    }

    [Fact]
    public void Run_NoShortfallPrice_ChargesShortfallAtTheEnergyPrice()
    {
        // One interval, both the first and the last of its period (and of the term).
        var outcomes = Run(
            """{ "price": 80000, "minimum": 250000000 }""",
            """{ "start": "2026-01-31T23:45Z", "minutes": 15, "count": 1, "meters": { "seller": { "import": 0, "export": 100000000 }, "buyer": { "import": 100000000, "export": 0 } } }""");

        // 100,000,000 mWh × 80,000 µ/kWh / 10^6 = 8,000,000 µ;
        // shortfall (250,000,000 − 100,000,000) mWh × 80,000 µ/kWh / 10^6 = 12,000,000 µ.
        Assert.Equal<Payment>([new("buyer", "seller", 8_000_000, "energy"), new("buyer", "seller", 12_000_000, "shortfall")], outcomes[0].Payments);
    }

    [Fact]
    public void Run_DeliveredEqualsMinimum_ChargesNoShortfall()
    {
        var outcomes = Run(
            """{ "price": 80000, "minimum": 250000000 }""",
            """{ "start": "2026-01-31T23:45Z", "minutes": 15, "count": 1, "meters": { "seller": { "import": 0, "export": 250000000 }, "buyer": { "import": 250000000, "export": 0 } } }""");

        // 250,000,000 mWh × 80,000 µ/kWh / 10^6 = 20,000,000 µ; 250,000,000 − 250,000,000 = 0 shortfall.
        Assert.Equal<Payment>([new("buyer", "seller", 20_000_000, "energy")], outcomes[0].Payments);
    }

    [Fact]
    public void RunSeries_MissingMinimum_FailsWithInvalidParams()
    {
        var result = RunRaw("""{ "price": 80000 }""", """{ "start": "2026-01-31T23:45Z", "minutes": 15, "count": 1, "meters": { "seller": { "import": 0, "export": 1000 }, "buyer": { "import": 1000, "export": 0 } } }""");

        Assert.False(result.IsSuccess);
        Assert.Equal(ContractErrors.InvalidParameters, result.Error.Code);
    }

    private static Flecs.Core.Results.Result<IReadOnlyList<IntervalOutcome>> RunRaw(string parameters, string seriesJson)
    {
        var series = SeriesInput.FromValue(ContractValue.ParseJson(seriesJson).Value);
        Assert.True(series.IsSuccess, series.IsSuccess ? string.Empty : series.Error.ToString());
        return new ContractRuntime().RunSeries(StandardLibrary.Get("take-or-pay"), ContractValue.ParseJson(parameters).Value, null, series.Value);
    }

    private static IReadOnlyList<IntervalOutcome> Run(string parameters, string seriesJson)
    {
        var result = RunRaw(parameters, seriesJson);
        Assert.True(result.IsSuccess, result.IsSuccess ? string.Empty : result.Error.ToString());
        return result.Value;
    }
}
