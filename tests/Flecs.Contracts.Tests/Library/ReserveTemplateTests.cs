using Flecs.Contracts.Library;
using Flecs.Contracts.Runtime;
using Flecs.Contracts.Values;

namespace Flecs.Contracts.Tests.Library;

/// <summary>The standard <c>reserve</c> template: availability paid per MW per hour, a penalty on export below the requested energy in activations.</summary>
public sealed class ReserveTemplateTests
{
    /// <summary>24 hourly flags: activations from 10:00 to 11:00 UTC.</summary>
    private const string TenToEleven = "[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]";

    [Fact]
    public void Run_ActivationHour_PenalizesOnlyTheShortfall()
    {
        // 1 MW committed at 8 EUR/MW/h; penalty 200,000 µ/kWh (200 EUR/MWh).
        var outcomes = Run(
            $$"""{ "capacity": 1000000, "availabilityPrice": 8000000, "penaltyPrice": 200000, "activations": {{TenToEleven}} }""",
            """{ "start": "2026-03-02T09:45Z", "minutes": 15, "count": 6, "meters": { "provider": { "import": 0, "export": [0, 300000000, 200000000, 250000000, 0, 0] } } }""");

        // Availability: 1,000,000 W × 15 min × 8,000,000 µ/(MW·h) / (10^6 × 60) = 2,000,000 µ every interval.
        // Requested in an activation: 1,000,000 W × 15 min × 1,000 / 60 = 250,000,000 mWh (250 kWh).
        // 09:45: not activated — no export, no penalty.
        Assert.Equal<Payment>([Availability], outcomes[0].Payments);

        // 10:00: 300,000,000 ≥ 250,000,000 delivered → no penalty (over-delivery earns nothing here).
        Assert.Equal<Payment>([Availability], outcomes[1].Payments);

        // 10:15: shortfall 250,000,000 − 200,000,000 = 50,000,000 mWh; 50,000,000 × 200,000 / 10^6 = 10,000,000 µ.
        Assert.Equal<Payment>([Availability, new("provider", "operator", 10_000_000, "penalty")], outcomes[2].Payments);

        // 10:30: exactly the requested energy → no penalty.
        Assert.Equal<Payment>([Availability], outcomes[3].Payments);

        // 10:45: nothing delivered → 250,000,000 × 200,000 / 10^6 = 50,000,000 µ.
        Assert.Equal<Payment>([Availability, new("provider", "operator", 50_000_000, "penalty")], outcomes[4].Payments);

        // 11:00: activation over, no export → no penalty.
        Assert.Equal<Payment>([Availability], outcomes[5].Payments);
        Assert.All(outcomes, o => Assert.Empty(o.Allocations));
    }

    [Fact]
    public void Run_FiveMinuteIntervalsAndOddCapacity_RoundsHalfEven()
    {
        var outcomes = Run(
            """{ "capacity": 1234, "availabilityPrice": 8000000, "penaltyPrice": 200000, "activations": [1] }""",
            """{ "start": "2026-03-02T10:00Z", "minutes": 5, "count": 1, "meters": { "provider": { "import": 0, "export": 0 } } }""");

        // Availability: 1,234 × 5 × 8,000,000 / 60,000,000 = 822.67 → 823 µ.
        // Requested: 1,234 W × 5 min × 1,000 / 60 = 102,833.3 → 102,833 mWh; nothing delivered:
        // penalty 102,833 × 200,000 / 10^6 = 20,566.6 → 20,567 µ.
        Assert.Equal<Payment>([new("operator", "provider", 823, "availability"), new("provider", "operator", 20_567, "penalty")], outcomes[0].Payments);
    }

    [Fact]
    public void RunSeries_NegativePenaltyPrice_FailsWithThrew()
    {
        var result = RunRaw(
            """{ "capacity": 1000000, "availabilityPrice": 8000000, "penaltyPrice": -1, "activations": [1] }""",
            """{ "start": "2026-03-02T10:00Z", "minutes": 15, "count": 1, "meters": { "provider": { "import": 0, "export": 0 } } }""");

        Assert.False(result.IsSuccess);
        Assert.Equal(ContractErrors.Threw, result.Error.Code);
    }

    private static Payment Availability => new("operator", "provider", 2_000_000, "availability");

    private static Flecs.Core.Results.Result<IReadOnlyList<IntervalOutcome>> RunRaw(string parameters, string seriesJson)
    {
        var series = SeriesInput.FromValue(ContractValue.ParseJson(seriesJson).Value);
        Assert.True(series.IsSuccess, series.IsSuccess ? string.Empty : series.Error.ToString());
        return new ContractRuntime().RunSeries(StandardLibrary.Get("reserve"), ContractValue.ParseJson(parameters).Value, null, series.Value);
    }

    private static IReadOnlyList<IntervalOutcome> Run(string parameters, string seriesJson)
    {
        var result = RunRaw(parameters, seriesJson);
        Assert.True(result.IsSuccess, result.IsSuccess ? string.Empty : result.Error.ToString());
        return result.Value;
    }
}
