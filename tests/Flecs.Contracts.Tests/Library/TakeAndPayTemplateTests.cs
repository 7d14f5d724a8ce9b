using Flecs.Contracts.Library;
using Flecs.Contracts.Runtime;
using Flecs.Contracts.Values;

namespace Flecs.Contracts.Tests.Library;

/// <summary>The standard <c>take-and-pay</c> template: the buyer pays only min(seller export, buyer import), at the time-of-use price.</summary>
public sealed class TakeAndPayTemplateTests
{
    // Base 80,000 µ/kWh; 23:00–23:30 every day 120,000; 00:00–00:30 on Sundays (day 7) 40,000.
    private const string Tou = """{ "base": 80000, "windows": [{ "from": 1380, "to": 1410, "price": 120000 }, { "from": 0, "to": 30, "price": 40000, "days": [7] }] }""";

    [Fact]
    public void Run_TwoTouWindows_PaysDeliveredEnergyAtEachWindowsPrice()
    {
        // Saturday 2026-01-31 23:00 to Sunday 2026-02-01 00:45, 15-minute intervals; the seller exports 60,000,000 mWh each.
        var outcomes = Run(
            $$"""{ "price": {{Tou}} }""",
            """{ "start": "2026-01-31T23:00Z", "minutes": 15, "count": 8, "meters": { "seller": { "import": 0, "export": 60000000 }, "buyer": { "import": [50000000, 70000000, 60000000, 10000000, 80000000, 30000000, 60000000, 0], "export": 0 } } }""");

        long[] delivered = [
            50_000_000, // 23:00 min(60,000,000, 50,000,000)
            60_000_000, // 23:15 min(60,000,000, 70,000,000)
            60_000_000, // 23:30 min(60,000,000, 60,000,000)
            10_000_000, // 23:45 min(60,000,000, 10,000,000)
            60_000_000, // 00:00 min(60,000,000, 80,000,000)
            30_000_000, // 00:15 min(60,000,000, 30,000,000)
            60_000_000, // 00:30 min(60,000,000, 60,000,000)
            0,          // 00:45 min(60,000,000, 0)
        ];
        long[] paid = [
            6_000_000, // 50,000,000 mWh × 120,000 µ/kWh (23:00–23:30 window) / 10^6
            7_200_000, // 60,000,000 × 120,000 / 10^6
            4_800_000, // 60,000,000 × 80,000 (base) / 10^6
            800_000,   // 10,000,000 × 80,000 (base) / 10^6
            2_400_000, // 60,000,000 × 40,000 (Sunday 00:00–00:30 window) / 10^6
            1_200_000, // 30,000,000 × 40,000 / 10^6
            4_800_000, // 60,000,000 × 80,000 (base again from 00:30) / 10^6
            0,         // nothing delivered, nothing paid
        ];
        for (var i = 0; i < 7; i++)
        {
            Assert.Equal<Allocation>([new("seller", "buyer", delivered[i], "supply")], outcomes[i].Allocations);
            Assert.Equal<Payment>([new("buyer", "seller", paid[i], "energy")], outcomes[i].Payments);
        }

        Assert.Empty(outcomes[7].Allocations);
        Assert.Empty(outcomes[7].Payments);
    }

    [Fact]
    public void Run_SundayWindowOnSaturday_PaysTheBasePrice()
    {
        // Saturday 2026-01-31 00:00: the 00:00–00:30 window is Sunday-only.
        var outcomes = Run(
            $$"""{ "price": {{Tou}} }""",
            """{ "start": "2026-01-31T00:00Z", "minutes": 15, "count": 1, "meters": { "seller": { "import": 0, "export": 60000000 }, "buyer": { "import": 60000000, "export": 0 } } }""");

        // 60,000,000 mWh × 80,000 µ/kWh (base) / 10^6 = 4,800,000 µ.
        Assert.Equal<Payment>([new("buyer", "seller", 4_800_000, "energy")], outcomes[0].Payments);
    }

    [Fact]
    public void Run_NegativeTouPrice_SellerPaysTheBuyer()
    {
        var outcomes = Run(
            """{ "price": { "base": -10000, "windows": [] } }""",
            """{ "start": "2026-01-31T12:00Z", "minutes": 15, "count": 1, "meters": { "seller": { "import": 0, "export": 60000000 }, "buyer": { "import": 60000000, "export": 0 } } }""");

        // 60,000,000 mWh × −10,000 µ/kWh / 10^6 = −600,000 µ → the seller pays the buyer 600,000 µ.
        Assert.Equal<Allocation>([new("seller", "buyer", 60_000_000, "supply")], outcomes[0].Allocations);
        Assert.Equal<Payment>([new("seller", "buyer", 600_000, "energy")], outcomes[0].Payments);
    }

    [Fact]
    public void RunSeries_MissingPrice_FailsWithInvalidParams()
    {
        var result = RunRaw("{}", """{ "start": "2026-01-31T12:00Z", "minutes": 15, "count": 1, "meters": { "seller": { "import": 0, "export": 1000 }, "buyer": { "import": 1000, "export": 0 } } }""");

        Assert.False(result.IsSuccess);
        Assert.Equal(ContractErrors.InvalidParameters, result.Error.Code);
    }

    private static Flecs.Core.Results.Result<IReadOnlyList<IntervalOutcome>> RunRaw(string parameters, string seriesJson)
    {
        var series = SeriesInput.FromValue(ContractValue.ParseJson(seriesJson).Value);
        Assert.True(series.IsSuccess, series.IsSuccess ? string.Empty : series.Error.ToString());
        return new ContractRuntime().RunSeries(StandardLibrary.Get("take-and-pay"), ContractValue.ParseJson(parameters).Value, null, series.Value);
    }

    private static IReadOnlyList<IntervalOutcome> Run(string parameters, string seriesJson)
    {
        var result = RunRaw(parameters, seriesJson);
        Assert.True(result.IsSuccess, result.IsSuccess ? string.Empty : result.Error.ToString());
        return result.Value;
    }
}
