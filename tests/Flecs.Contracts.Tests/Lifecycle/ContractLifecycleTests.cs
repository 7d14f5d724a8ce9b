using System.Formats.Cbor;
using Flecs.Contracts.Library;
using Flecs.Contracts.Lifecycle;
using Flecs.Ledger;
using static Flecs.Contracts.Tests.Lifecycle.ContractScenario;

namespace Flecs.Contracts.Tests.Lifecycle;

public sealed class ContractLifecycleTests
{
    private const string P2pMeters = """ "seller": { "import": 0, "export": [5000, 1000] }, "buyer": { "import": 3000, "export": 0 } """;

    [Fact]
    public void Certify_StandardTemplateBySa_RecordsItsHashAndEmitsIt()
    {
        var s = Create();

        var block = s.Chain.Append(s.CertifyStandard("p2p-fixed", """{ "price": 100000 }"""));

        AssertAccepted(block);
        var hash = StandardLibrary.Get("p2p-fixed").Hash;
        Assert.True(s.Chain.Chain.State.TryGet(TemplateRecord.StateKey(hash), out _));
        var output = new CborReader(block.Receipts[0].Output, CborConformanceMode.Canonical);
        Assert.Equal(hash.ToArray(), output.ReadByteString());
    }

    [Fact]
    public void Certify_ByAnyoneButTheSa_RejectedWithWrongRole()
    {
        var s = Create();

        var block = s.Chain.Append(s.Certify(StandardLibrary.Get("p2p-fixed").Source, """{ "price": 1 }""", sender: s.Chain["mo"]));

        Assert.Equal(LedgerErrors.WrongRole, Code(block));
    }

    [Theory]
    [InlineData("export const meta = { name: 'x', version: '1', kind: 'x', parties: ['a'] };\nexport function interval(ctx) { return { state: { t: Date.now() } }; }", ContractErrors.Forbidden)]
    [InlineData("export const meta = { name: 'x', version: '1', kind: 'x', parties: ['a'] };\nexport function interval(ctx) { while (true) {} }", ContractErrors.DryRunFailed)]
    [InlineData("export const meta = { name: 'x', version: '1', kind: 'x', parties: ['a'] };\nexport function interval(ctx) { return { state: { x: 1 / 3 } }; }", ContractErrors.DryRunFailed)]
    [InlineData("export function interval(ctx) { return {}; }", ContractErrors.InvalidMeta)]
    [InlineData("export const meta = { name: 'x', version: '1', kind: 'x', parties: ['a'] };\nexport function interval(ctx { }", ContractErrors.Syntax)]
    public void Certify_BadTemplate_RejectedWithItsCodeAndNoStateChange(string source, string code)
    {
        var s = Create();
        var before = s.Chain.StateSnapshot();

        var block = s.Chain.Append(s.Certify(source, "{}"));

        Assert.Equal(code, Code(block));
        Assert.Equal(before.Where(e => !e.Key.StartsWith("player/sa", StringComparison.Ordinal)), s.Chain.StateSnapshot().Where(e => !e.Key.StartsWith("player/sa", StringComparison.Ordinal)));
    }

    [Fact]
    public void ProposeAndAccept_BothParties_ContractGoesLive()
    {
        var s = Create();
        var (_, contract) = s.LiveP2p();

        var record = s.Contract(contract);

        Assert.Equal(ContractStatus.Live, record.Status);
        Assert.Null(record.Pending);
        Assert.Equal(Start, record.NextInterval);
    }

    [Fact]
    public void Propose_UncertifiedTemplate_RejectedNotCertified()
    {
        var s = Create();

        var block = s.Chain.Append(s.Propose(s.Chain["seller"], StandardLibrary.Get("p2p-fixed").Hash, """{ "price": 1 }""", Start, Start + 4, ("seller", "seller"), ("buyer", "buyer")));

        Assert.Equal(ContractErrors.UnknownTemplate, Code(block));
    }

    [Theory]
    [InlineData("""{ "prize": 1 }""", ContractErrors.InvalidParameters)]
    [InlineData("""{ "price": 1.5 }""", null)]
    public void Propose_ParametersOffSchema_Rejected(string parameters, string? code)
    {
        var s = Create();
        AssertAccepted(s.Chain.Append(s.CertifyStandard("p2p-fixed", """{ "price": 1 }""")));

        if (code is null)
        {
            Assert.False(Flecs.Contracts.Values.ContractValue.ParseJson(parameters).IsSuccess);
            return;
        }

        var block = s.Chain.Append(s.Propose(s.Chain["seller"], StandardLibrary.Get("p2p-fixed").Hash, parameters, Start, Start + 4, ("seller", "seller"), ("buyer", "buyer")));
        Assert.Equal(code, Code(block));
    }

    [Fact]
    public void Propose_ByOutsider_RejectedNotParty()
    {
        var s = Create();
        AssertAccepted(s.Chain.Append(s.CertifyStandard("p2p-fixed", """{ "price": 1 }""")));

        var block = s.Chain.Append(s.Propose(s.Chain["mo"], StandardLibrary.Get("p2p-fixed").Hash, """{ "price": 1 }""", Start, Start + 4, ("seller", "seller"), ("buyer", "buyer")));

        Assert.Equal(ContractErrors.NotParty, Code(block));
    }

    [Fact]
    public void Accept_PassivePartyThroughItsRepresentative_GoesLive()
    {
        var s = Create();
        AssertAccepted(s.Chain.Append(s.CertifyStandard("p2p-fixed", """{ "price": 1 }""")));
        var propose = s.Propose(s.Chain["seller"], StandardLibrary.Get("p2p-fixed").Hash, """{ "price": 1 }""", Start, Start + 4, ("seller", "seller"), ("buyer", "household"));
        AssertAccepted(s.Chain.Append(propose));

        AssertAccepted(s.Chain.Append(s.Accept(s.Chain["tradco"], propose.Id, propose.Id)));

        Assert.Equal(ContractStatus.Live, s.Contract(propose.Id).Status);
    }

    [Fact]
    public void Propose_RepresentativeAsCounterpartyOfItsOwnCustomer_RejectedInvalidParties()
    {
        var s = Create();
        AssertAccepted(s.Chain.Append(s.CertifyStandard("p2p-fixed", """{ "price": 1 }""")));

        var block = s.Chain.Append(s.Propose(s.Chain["tradco"], StandardLibrary.Get("p2p-fixed").Hash, """{ "price": 1 }""", Start, Start + 4, ("seller", "tradco"), ("buyer", "household")));

        Assert.Equal(ContractErrors.InvalidParties, Code(block));
    }

    [Fact]
    public void Accept_WrongProposalOrOutsiderOrTwice_RejectedWithCodes()
    {
        var s = Create();
        AssertAccepted(s.Chain.Append(s.CertifyStandard("p2p-fixed", """{ "price": 1 }""")));
        var propose = s.Propose(s.Chain["seller"], StandardLibrary.Get("p2p-fixed").Hash, """{ "price": 1 }""", Start, Start + 4, ("seller", "seller"), ("buyer", "buyer"));
        AssertAccepted(s.Chain.Append(propose));

        Assert.Equal(ContractErrors.ProposalMismatch, Code(s.Chain.Append(s.Accept(s.Chain["buyer"], propose.Id, StandardLibrary.Get("p2p-fixed").Hash))));
        Assert.Equal(ContractErrors.NotParty, Code(s.Chain.Append(s.Accept(s.Chain["mo"], propose.Id, propose.Id))));
        Assert.Equal(ContractErrors.AlreadyAccepted, Code(s.Chain.Append(s.Accept(s.Chain["seller"], propose.Id, propose.Id))));
        Assert.Equal(ContractStatus.Proposed, s.Contract(propose.Id).Status);
    }

    [Fact]
    public void Execute_LiveContract_EmitsAllocationsAndPaymentsAndAdvances()
    {
        var s = Create();
        var (_, contract) = s.LiveP2p();

        var block = s.Chain.Append(s.Execute(s.Chain["mo"], contract, Inputs(Start, 2, P2pMeters)));

        AssertAccepted(block);
        // Interval 1: min(5,000, 3,000) = 3,000 mWh × 100,000 µ/kWh / 10⁶ = 300 µ; interval 2: 1,000 mWh → 100 µ.
        var r = new CborReader(block.Receipts[0].Output, CborConformanceMode.Canonical);
        Assert.Equal(2, r.ReadStartArray());
        Assert.Equal(contract.ToArray(), r.ReadByteString());
        Assert.Equal(2, r.ReadStartArray());
        AssertInterval(r, Start, 3000, 300);
        AssertInterval(r, Start + 1, 1000, 100);
        Assert.Equal(Start + 2, s.Contract(contract).NextInterval);
    }

    [Fact]
    public void Execute_OutOfOrderOrOutsideTermOrByAParty_RejectedWithCodes()
    {
        var s = Create();
        var (_, contract) = s.LiveP2p();

        Assert.Equal(ContractErrors.OutOfOrder, Code(s.Chain.Append(s.Execute(s.Chain["mo"], contract, Inputs(Start + 1, 2, P2pMeters)))));
        Assert.Equal(ContractErrors.OutsideTerm, Code(s.Chain.Append(s.Execute(s.Chain["mo"], contract, Inputs(Start, 9, """ "seller": { "import": 0, "export": 1 }, "buyer": { "import": 1, "export": 0 } """)))));
        Assert.Equal(ContractErrors.NotPermitted, Code(s.Chain.Append(s.Execute(s.Chain["seller"], contract, Inputs(Start, 2, P2pMeters)))));
        Assert.Equal(ContractErrors.InvalidInput, Code(s.Chain.Append(s.Execute(s.Chain["mo"], contract, Inputs(Start, 1, """ "seller": { "import": 0, "export": 1 } """)))));
        Assert.Equal(Start, s.Contract(contract).NextInterval);
    }

    [Fact]
    public void Execute_AllIntervals_ContractExpires()
    {
        var s = Create();
        var (_, contract) = s.LiveP2p(termEnd: Start + 2);

        AssertAccepted(s.Chain.Append(s.Execute(s.Chain["mo"], contract, Inputs(Start, 2, P2pMeters))));

        Assert.Equal(ContractStatus.Expired, s.Contract(contract).Status);
        Assert.Equal(ContractErrors.NotLive, Code(s.Chain.Append(s.Execute(s.Chain["mo"], contract, Inputs(Start + 2, 1, P2pMeters)))));
    }

    [Fact]
    public void Execute_TemplateThatLoopsOnSomeInput_RejectedWithBudgetAndStateUnchanged_NodeCarriesOn()
    {
        var s = Create();
        const string Source = """
            export const meta = { name: "trap", version: "1", kind: "trap", parties: ["a", "b"], meters: ["a"], params: {} };
            export function interval(ctx) {
              while (ctx.meters.a.export > 1000000) { }
              return { payments: [{ from: "b", to: "a", amount: ctx.meters.a.export }] };
            }
            """;
        var certify = s.Certify(Source, "{}", Inputs(Start, 2, """ "a": { "import": 0, "export": 5 } """));
        AssertAccepted(s.Chain.Append(certify));
        var hash = Flecs.Contracts.Templates.TemplateAnalyzer.Analyze(Source).Value.Hash;
        var propose = s.Propose(s.Chain["seller"], hash, "{}", Start, Start + 4, ("a", "seller"), ("b", "buyer"));
        AssertAccepted(s.Chain.Append(propose));
        AssertAccepted(s.Chain.Append(s.Accept(s.Chain["buyer"], propose.Id, propose.Id)));
        var before = s.Contract(propose.Id).Encode();

        var trapped = s.Chain.Append(s.Execute(s.Chain["mo"], propose.Id, Inputs(Start, 1, """ "a": { "import": 0, "export": 2000000 } """)));
        var next = s.Chain.Append(s.Execute(s.Chain["mo"], propose.Id, Inputs(Start, 1, """ "a": { "import": 0, "export": 7 } """)));

        Assert.Equal(ContractErrors.Budget, Code(trapped));
        AssertAccepted(next);
        Assert.NotEqual(before, s.Contract(propose.Id).Encode());
        Assert.Equal(Start + 1, s.Contract(propose.Id).NextInterval);
    }

    [Fact]
    public void Decertify_BlocksNewContracts_LiveOnesKeepRunning()
    {
        var s = Create();
        var (template, contract) = s.LiveP2p();

        AssertAccepted(s.Chain.Append(s.Decertify(template)));

        Assert.Equal(ContractErrors.NotCertified, Code(s.Chain.Append(s.Propose(s.Chain["seller"], template, """{ "price": 1 }""", Start, Start + 4, ("seller", "seller"), ("buyer", "buyer")))));
        AssertAccepted(s.Chain.Append(s.Execute(s.Chain["mo"], contract, Inputs(Start, 2, P2pMeters))));
    }

    [Fact]
    public void Amend_AcceptedByAll_NewPriceFromItsInterval()
    {
        var s = Create();
        var (_, contract) = s.LiveP2p();
        AssertAccepted(s.Chain.Append(s.Execute(s.Chain["mo"], contract, Inputs(Start, 2, P2pMeters))));
        Assert.Equal(ContractErrors.EffectiveInPast, Code(s.Chain.Append(s.Amend(s.Chain["buyer"], contract, """{ "price": 200000 }""", Start + 1))));
        var amend = s.Amend(s.Chain["buyer"], contract, """{ "price": 200000 }""", Start + 3);
        AssertAccepted(s.Chain.Append(amend));
        AssertAccepted(s.Chain.Append(s.Accept(s.Chain["seller"], contract, amend.Id)));
        var block = s.Chain.Append(s.Execute(s.Chain["mo"], contract, Inputs(Start + 2, 2, """ "seller": { "import": 0, "export": 1000 }, "buyer": { "import": 1000, "export": 0 } """)));

        // 1,000 mWh at 0.10/kWh = 100 µ before the amendment, at 0.20/kWh = 200 µ from interval Start + 3.
        var r = new CborReader(block.Receipts[0].Output, CborConformanceMode.Canonical);
        r.ReadStartArray();
        r.ReadByteString();
        r.ReadStartArray();
        AssertInterval(r, Start + 2, 1000, 100);
        AssertInterval(r, Start + 3, 1000, 200);
    }

    [Fact]
    public void Patch_BySa_OverridesParametersWithReason_ByOthersRejected()
    {
        var s = Create();
        var (template, contract) = s.LiveP2p();

        Assert.Equal(LedgerErrors.WrongRole, Code(s.Chain.Append(s.Patch(s.Chain["seller"], contract, template, """{ "price": 1 }""", Start, "mine"))));
        AssertAccepted(s.Chain.Append(s.Patch(s.Chain.Sa, contract, template, """{ "price": 50000 }""", Start, "price error in the agreement")));

        var record = s.Contract(contract);
        Assert.Equal("price error in the agreement", record.VersionAt(Start).Reason);
        Assert.Equal(50000, record.VersionAt(Start).Parameters["price"]?.AsInteger);
    }

    [Fact]
    public void Terminate_Mutually_EndsTheTermAndStopsExecution()
    {
        var s = Create();
        var (_, contract) = s.LiveP2p();
        AssertAccepted(s.Chain.Append(s.Execute(s.Chain["mo"], contract, Inputs(Start, 2, P2pMeters))));
        var terminate = s.Terminate(s.Chain["seller"], contract, Start + 2);

        AssertAccepted(s.Chain.Append(terminate));
        Assert.Equal(ContractStatus.Live, s.Contract(contract).Status);
        AssertAccepted(s.Chain.Append(s.Accept(s.Chain["buyer"], contract, terminate.Id)));

        Assert.Equal(ContractStatus.Terminated, s.Contract(contract).Status);
        Assert.Equal(ContractErrors.NotLive, Code(s.Chain.Append(s.Execute(s.Chain["mo"], contract, Inputs(Start + 2, 1, P2pMeters)))));
    }

    [Fact]
    public void Execute_SameInputsOnTwoChains_ByteIdenticalReceipts()
    {
        byte[] Run()
        {
            var s = Create();
            var (_, contract) = s.LiveP2p();
            return s.Chain.Append(s.Execute(s.Chain["mo"], contract, Inputs(Start, 2, P2pMeters))).Receipts[0].Encode();
        }

        Assert.Equal(Run(), Run());
    }

    private static void AssertInterval(CborReader r, long interval, long energy, long amount)
    {
        Assert.Equal(4, r.ReadStartArray());
        Assert.Equal(interval, r.ReadInt64());
        Assert.Equal(1, r.ReadStartArray());
        AssertLine(r, "seller", "buyer", energy);
        r.ReadEndArray();
        Assert.Equal(1, r.ReadStartArray());
        AssertLine(r, "buyer", "seller", amount);
        r.ReadEndArray();
        Assert.Equal(0, r.ReadStartArray());
        r.ReadEndArray();
        r.ReadEndArray();
    }

    private static void AssertLine(CborReader r, string from, string to, long amount)
    {
        Assert.Equal(4, r.ReadStartArray());
        Assert.Equal(from, r.ReadTextString());
        Assert.Equal(to, r.ReadTextString());
        Assert.Equal(amount, r.ReadInt64());
        r.ReadTextString();
        r.ReadEndArray();
    }
}
