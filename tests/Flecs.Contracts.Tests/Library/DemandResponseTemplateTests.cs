using Flecs.Contracts.Library;
using Flecs.Contracts.Runtime;
using Flecs.Contracts.Values;

namespace Flecs.Contracts.Tests.Library;

/// <summary>The standard <c>demand-response</c> template: a capacity payment every interval and, in scheduled events, activation = max(baseline − import, 0).</summary>
public sealed class DemandResponseTemplateTests
{
    /// <summary>24 hourly flags: an event from 10:00 to 11:00 UTC.</summary>
    private const string TenToEleven = "[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]";

    [Fact]
    public void Run_EventHour_PaysActivationBelowBaselineOnlyInsideTheEvent()
    {
        // 5,000 µ per interval; 300,000 µ/kWh (300 EUR/MWh) for activation; baseline 2,000,000 mWh (2 kWh per 15 minutes).
        var outcomes = Run(
            $$"""{ "capacityPayment": 5000, "activationPrice": 300000, "baseline": 2000000, "events": {{TenToEleven}} }""",
            """{ "start": "2026-03-02T09:30Z", "minutes": 15, "count": 8, "meters": { "provider": { "import": [1000000, 1000000, 500000, 2500000, 0, 2000000, 100000, 1900000], "export": 0 } } }""");

        // 09:30 and 09:45: no event — import 1,000,000 is below the baseline, but only the capacity payment is due.
        Assert.Equal<Payment>([Capacity], outcomes[0].Payments);
        Assert.Equal<Payment>([Capacity], outcomes[1].Payments);

        // 10:00: activation 2,000,000 − 500,000 = 1,500,000 mWh; 1,500,000 × 300,000 / 10^6 = 450,000 µ.
        Assert.Equal<Payment>([Capacity, new("buyer", "provider", 450_000, "activation")], outcomes[2].Payments);

        // 10:15: import 2,500,000 above the baseline → activation max(−500,000, 0) = 0, no activation payment.
        Assert.Equal<Payment>([Capacity], outcomes[3].Payments);

        // 10:30: import 0 → activation 2,000,000 mWh; 2,000,000 × 300,000 / 10^6 = 600,000 µ.
        Assert.Equal<Payment>([Capacity, new("buyer", "provider", 600_000, "activation")], outcomes[4].Payments);

        // 10:45: import = baseline → activation 0.
        Assert.Equal<Payment>([Capacity], outcomes[5].Payments);

        // 11:00 and 11:15: the event is over; import 100,000 would have been an activation of 1,900,000 mWh.
        Assert.Equal<Payment>([Capacity], outcomes[6].Payments);
        Assert.Equal<Payment>([Capacity], outcomes[7].Payments);
        Assert.All(outcomes, o => Assert.Empty(o.Allocations));
    }

    [Fact]
    public void Run_QuarterHourProfile_ActivatesOnlyTheFlaggedQuarter()
    {
        // 96 flags, slot 41 = minutes 615–630 = 10:15–10:30 UTC.
        var flags = string.Join(", ", Enumerable.Range(0, 96).Select(k => k == 41 ? "1" : "0"));
        var outcomes = Run(
            $$"""{ "capacityPayment": 0, "activationPrice": 100000, "baseline": 1000000, "events": [{{flags}}] }""",
            """{ "start": "2026-03-02T10:00Z", "minutes": 15, "count": 3, "meters": { "provider": { "import": 0, "export": 0 } } }""");

        // Capacity 0 is dropped. 10:15: activation 1,000,000 − 0 = 1,000,000 mWh; 1,000,000 × 100,000 / 10^6 = 100,000 µ.
        Assert.Empty(outcomes[0].Payments);
        Assert.Equal<Payment>([new("buyer", "provider", 100_000, "activation")], outcomes[1].Payments);
        Assert.Empty(outcomes[2].Payments);
    }

    [Fact]
    public void Run_EventDays_ActivatesOnListedDaysOnly()
    {
        // Events 23:00–01:00 every day, but only on Sundays (7). 2026-03-01 is a Sunday, 2026-03-02 a Monday.
        var outcomes = Run(
            """{ "capacityPayment": 5000, "activationPrice": 300000, "baseline": 2000000, "events": [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], "eventDays": [7] }""",
            """{ "start": "2026-03-01T23:45Z", "minutes": 15, "count": 2, "meters": { "provider": { "import": 1000000, "export": 0 } } }""");

        // Sunday 23:45: activation 2,000,000 − 1,000,000 = 1,000,000 mWh; 1,000,000 × 300,000 / 10^6 = 300,000 µ.
        Assert.Equal<Payment>([Capacity, new("buyer", "provider", 300_000, "activation")], outcomes[0].Payments);

        // Monday 00:00: flagged hour, but Monday is not listed → capacity only.
        Assert.Equal<Payment>([Capacity], outcomes[1].Payments);
    }

    [Fact]
    public void RunSeries_ProfileLengthNotDividing1440_FailsWithThrew()
    {
        var result = RunRaw(
            """{ "capacityPayment": 5000, "activationPrice": 300000, "baseline": 2000000, "events": [0, 1, 0, 1, 0, 1, 0] }""",
            """{ "start": "2026-03-02T10:00Z", "minutes": 15, "count": 1, "meters": { "provider": { "import": 0, "export": 0 } } }""");

        Assert.False(result.IsSuccess);
        Assert.Equal(ContractErrors.Threw, result.Error.Code);
        Assert.Contains("1440", result.Error.Message, StringComparison.Ordinal);
    }

    private static Payment Capacity => new("buyer", "provider", 5_000, "capacity");

    private static Flecs.Core.Results.Result<IReadOnlyList<IntervalOutcome>> RunRaw(string parameters, string seriesJson)
    {
        var series = SeriesInput.FromValue(ContractValue.ParseJson(seriesJson).Value);
        Assert.True(series.IsSuccess, series.IsSuccess ? string.Empty : series.Error.ToString());
        return new ContractRuntime().RunSeries(StandardLibrary.Get("demand-response"), ContractValue.ParseJson(parameters).Value, null, series.Value);
    }

    private static IReadOnlyList<IntervalOutcome> Run(string parameters, string seriesJson)
    {
        var result = RunRaw(parameters, seriesJson);
        Assert.True(result.IsSuccess, result.IsSuccess ? string.Empty : result.Error.ToString());
        return result.Value;
    }
}
