using Flecs.Contracts.Lifecycle;
using Flecs.Contracts.Templates;
using Flecs.Core.Identity;
using Flecs.Ledger;
using static Flecs.Contracts.Tests.Lifecycle.ContractScenario;

namespace Flecs.Contracts.Tests.Lifecycle;

/// <summary>Certificates issued by contract executions, transferred and retired with a claim.</summary>
public sealed class CertificateTests
{
    private const string Issuer = """
        export const meta = { name: "issuer", version: "1", kind: "issuer", parties: ["producer", "buyer"], meters: ["producer"], params: {} };
        export function interval(ctx) {
          const count = flecs.divFloor(ctx.meters.producer.export, 1000000000);
          return { certificates: [{ action: "issue", to: "producer", count: count }, { action: "transfer", from: "producer", to: "buyer", count: flecs.divFloor(count, 2) }] };
        }
        """;

    [Fact]
    public void ExecuteTransferRetire_CertificatesMoveBetweenAccountsAndRetireWithAClaim()
    {
        var s = Create();
        var hash = TemplateAnalyzer.Analyze(Issuer).Value.Hash;
        AssertAccepted(s.Chain.Append(s.Certify(Issuer, "{}")));
        var propose = s.Propose(s.Chain["seller"], hash, "{}", Start, Start + 4, ("producer", "seller"), ("buyer", "buyer"));
        AssertAccepted(s.Chain.Append(propose));
        AssertAccepted(s.Chain.Append(s.Accept(s.Chain["buyer"], propose.Id, propose.Id)));

        // 5,200,000,000 mWh = 5.2 MWh → 5 issued (1 certificate per MWh = 10⁹ mWh) to the producer, 2 of them transferred to the buyer.
        AssertAccepted(s.Chain.Append(s.Execute(s.Chain["mo"], propose.Id, Inputs(Start, 1, """ "producer": { "import": 0, "export": 5200000000 } """))));
        Assert.Equal(new CertificateAccount(3, 0), Account(s, "seller"));
        Assert.Equal(new CertificateAccount(2, 0), Account(s, "buyer"));

        AssertAccepted(s.Chain.Append(Transfer(s, "seller", "buyer", 1)));
        Assert.Equal(ContractErrors.InsufficientCertificates, Code(s.Chain.Append(Transfer(s, "seller", "buyer", 9))));
        var retire = s.Chain.Append(s.Chain.Sign(s.Chain["buyer"], ContractTransactionTypes.RetireCertificates, new CertificatesPayload(null, 3, "2026 Q1 electricity, site A").Encode()));

        AssertAccepted(retire);
        Assert.False(retire.Receipts[0].Output.IsEmpty);
        Assert.Equal(new CertificateAccount(2, 0), Account(s, "seller"));
        Assert.Equal(new CertificateAccount(0, 3), Account(s, "buyer"));
        Assert.Equal(LedgerErrors.InvalidPayload, Code(s.Chain.Append(s.Chain.Sign(s.Chain["seller"], ContractTransactionTypes.RetireCertificates, new CertificatesPayload(null, 1, string.Empty).Encode()))));
    }

    private static Flecs.Ledger.Transactions.Transaction Transfer(ContractScenario s, string from, string to, long count) =>
        s.Chain.Sign(s.Chain[from], ContractTransactionTypes.TransferCertificates, new CertificatesPayload(PlayerId.Parse(to), count, string.Empty).Encode());

    private static CertificateAccount Account(ContractScenario s, string player) =>
        s.Chain.Chain.State.TryGet(CertificateAccount.StateKey(PlayerId.Parse(player)), out var bytes) ? CertificateAccount.Decode(bytes) : new CertificateAccount(0, 0);
}
