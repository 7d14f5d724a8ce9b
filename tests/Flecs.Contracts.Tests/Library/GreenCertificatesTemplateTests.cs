using Flecs.Contracts.Library;
using Flecs.Contracts.Runtime;
using Flecs.Contracts.Values;

namespace Flecs.Contracts.Tests.Library;

/// <summary>The standard <c>green-certificates</c> template: one certificate per whole MWh (10^9 mWh) of renewable metered export.</summary>
public sealed class GreenCertificatesTemplateTests
{
    [Fact]
    public void Run_RenewableExport_IssuesWholeMWhAndCarriesTheRemainder()
    {
        // 2 EUR per certificate; transferToBuyer defaults to true.
        var outcomes = Run(
            """{ "certificatePrice": 2000000 }""",
            """{ "start": "2026-03-02T10:00Z", "minutes": 15, "count": 4, "meters": { "producer": { "import": 0, "export": [2400000000, 700000000, 300000000, 600000000], "renewable": true } } }""");

        // 0 + 2,400,000,000 mWh = 2.4 MWh → 2 certificates, remainder 400,000,000; buyer pays 2 × 2,000,000 = 4,000,000 µ.
        Assert.Equal<CertificateEvent>([new("issue", null, "producer", 2), new("transfer", "producer", "buyer", 2)], outcomes[0].Certificates);
        Assert.Equal<Payment>([new("buyer", "producer", 4_000_000, "certificates")], outcomes[0].Payments);
        Assert.Equal(400_000_000, Remainder(outcomes[0]));

        // 400,000,000 + 700,000,000 = 1,100,000,000 → 1 certificate, remainder 100,000,000; 1 × 2,000,000 = 2,000,000 µ.
        Assert.Equal<CertificateEvent>([new("issue", null, "producer", 1), new("transfer", "producer", "buyer", 1)], outcomes[1].Certificates);
        Assert.Equal<Payment>([new("buyer", "producer", 2_000_000, "certificates")], outcomes[1].Payments);
        Assert.Equal(100_000_000, Remainder(outcomes[1]));

        // 100,000,000 + 300,000,000 = 400,000,000 < 1 MWh → nothing issued, all carried.
        Assert.Empty(outcomes[2].Certificates);
        Assert.Empty(outcomes[2].Payments);
        Assert.Equal(400_000_000, Remainder(outcomes[2]));

        // 400,000,000 + 600,000,000 = 1,000,000,000 → exactly 1 certificate, remainder 0.
        Assert.Equal<CertificateEvent>([new("issue", null, "producer", 1), new("transfer", "producer", "buyer", 1)], outcomes[3].Certificates);
        Assert.Equal<Payment>([new("buyer", "producer", 2_000_000, "certificates")], outcomes[3].Payments);
        Assert.Equal(0, Remainder(outcomes[3]));
        Assert.All(outcomes, o => Assert.Empty(o.Allocations));
    }

    [Fact]
    public void Run_NonRenewableMeter_IssuesNothingAndKeepsTheCarriedRemainder()
    {
        // The series starts with 900,000,000 mWh carried; 5 MWh of non-renewable export must neither earn
        // certificates nor top the remainder up to a whole MWh.
        var outcomes = Run(
            """{ "certificatePrice": 2000000 }""",
            """{ "start": "2026-03-02T10:00Z", "minutes": 15, "count": 2, "meters": { "producer": { "import": 0, "export": 5000000000, "renewable": false } }, "state": { "remainder": 900000000 } }""");

        Assert.All(outcomes, o => Assert.Empty(o.Certificates));
        Assert.All(outcomes, o => Assert.Empty(o.Payments));
        Assert.All(outcomes, o => Assert.Equal(900_000_000, Remainder(o)));
    }

    [Fact]
    public void Run_TransferToBuyerFalse_IssuesToTheProducerOnlyWithoutPayment()
    {
        var outcomes = Run(
            """{ "transferToBuyer": false, "certificatePrice": 2000000 }""",
            """{ "start": "2026-03-02T10:00Z", "minutes": 15, "count": 1, "meters": { "producer": { "import": 0, "export": 3500000000, "renewable": true } } }""");

        // 3,500,000,000 mWh → 3 certificates kept by the producer, remainder 500,000,000; no transfer, no payment.
        Assert.Equal<CertificateEvent>([new("issue", null, "producer", 3)], outcomes[0].Certificates);
        Assert.Empty(outcomes[0].Payments);
        Assert.Equal(500_000_000, Remainder(outcomes[0]));
    }

    [Fact]
    public void Run_DefaultParameters_TransfersWithoutPayment()
    {
        var outcomes = Run(
            "{}",
            """{ "start": "2026-03-02T10:00Z", "minutes": 15, "count": 1, "meters": { "producer": { "import": 0, "export": 1999999999, "renewable": true } } }""");

        // 1,999,999,999 mWh → 1 certificate transferred to the buyer at the default price 0 (no payment); remainder 999,999,999.
        Assert.Equal<CertificateEvent>([new("issue", null, "producer", 1), new("transfer", "producer", "buyer", 1)], outcomes[0].Certificates);
        Assert.Empty(outcomes[0].Payments);
        Assert.Equal(999_999_999, Remainder(outcomes[0]));
    }

    private static long Remainder(IntervalOutcome outcome) =>
        outcome.State["remainder"] is { Kind: ContractValueKind.Integer } remainder ? remainder.AsInteger : throw new InvalidOperationException($"No remainder in {outcome.State}.");

    private static IReadOnlyList<IntervalOutcome> Run(string parameters, string seriesJson)
    {
        var series = SeriesInput.FromValue(ContractValue.ParseJson(seriesJson).Value);
        Assert.True(series.IsSuccess, series.IsSuccess ? string.Empty : series.Error.ToString());
        var result = new ContractRuntime().RunSeries(StandardLibrary.Get("green-certificates"), ContractValue.ParseJson(parameters).Value, null, series.Value);
        Assert.True(result.IsSuccess, result.IsSuccess ? string.Empty : result.Error.ToString());
        return result.Value;
    }
}
