using System.Collections.Immutable;
using System.Globalization;
using Flecs.Contracts.Library;
using Flecs.Contracts.Lifecycle;
using Flecs.Contracts.Templates;
using Flecs.Contracts.Values;
using Flecs.Core.Identity;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Players;
using Flecs.Ledger.Transactions;
using Flecs.Testing;
using Flecs.Testing.Chains;

namespace Flecs.Contracts.Tests.Lifecycle;

/// <summary>A chain with the contract module and players: <c>seller</c> (prosumer), <c>buyer</c> (prosumer), <c>mo</c> (Market Operator), <c>tradco</c> representing the passive <c>household</c>.</summary>
internal sealed class ContractScenario
{
    /// <summary>2026-01-01T00:00Z in 15-minute intervals.</summary>
    public const long Start = 1_767_225_600 / 900;

    private ContractScenario(TestChain chain) => Chain = chain;

    public TestChain Chain { get; }

    public static ContractScenario Create()
    {
        var module = new ContractModule();
        var builder = A.Chain()
            .WithPlayer("seller", PlayerRole.Prosumer)
            .WithPlayer("buyer", PlayerRole.Prosumer)
            .WithPlayer("mo", PlayerRole.MarketOperator)
            .WithPlayer("tradco", PlayerRole.TradingCompany)
            .WithPassivePlayer("household", representative: "tradco");
        foreach (var executor in module.Executors())
        {
            builder = builder.WithExecutor(executor);
        }

        return new ContractScenario(builder.Build());
    }

    public static string Inputs(long first, int count, string meters, string prices = "") =>
        $$"""{ "start": "{{DateTimeOffset.FromUnixTimeSeconds(first * 900).ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture)}}", "minutes": 15, "count": {{count}}, "meters": { {{meters}} }, "prices": { {{prices}} } }""";

    public static ContractValue Json(string json)
    {
        var parsed = ContractValue.ParseJson(json);
        Assert.True(parsed.IsSuccess, parsed.IsSuccess ? string.Empty : parsed.Error.ToString());
        return parsed.Value;
    }

    public Transaction Certify(string source, string parameters, string? inputs = null, TestPlayer? sender = null)
    {
        var template = TemplateAnalyzer.Analyze(source);
        var sampleInputs = inputs is not null ? Json(inputs) : template.IsSuccess ? DryRunSample.For(template.Value.Meta)["inputs"]! : Json(Inputs(Start, 1, string.Empty));
        var sample = ContractValue.Map(("params", Json(parameters)), ("inputs", sampleInputs));
        return Chain.Sign(sender ?? Chain.Sa, ContractTransactionTypes.CertifyTemplate, new CertifyTemplatePayload(source, [sample]).Encode());
    }

    public Transaction CertifyStandard(string kind, string parameters) => Certify(StandardLibrary.Get(kind).Source, parameters);

    public Transaction Propose(TestPlayer sender, Hash256 template, string parameters, long termStart, long termEnd, params (string Role, string Player)[] parties) =>
        Chain.Sign(sender, ContractTransactionTypes.ProposeContract, new ProposeContractPayload(
            template,
            Json(parameters),
            parties.ToImmutableSortedDictionary(p => p.Role, p => PlayerId.Parse(p.Player), StringComparer.Ordinal),
            termStart,
            termEnd).Encode());

    public Transaction Accept(TestPlayer sender, Hash256 contract, Hash256 proposal) =>
        Chain.Sign(sender, ContractTransactionTypes.AcceptContract, new ContractActionPayload(contract, proposal, ContractValue.Null, 0, string.Empty).Encode());

    public Transaction Amend(TestPlayer sender, Hash256 contract, string parameters, long from) =>
        Chain.Sign(sender, ContractTransactionTypes.AmendContract, new ContractActionPayload(contract, contract, Json(parameters), from, "reprice").Encode());

    public Transaction Terminate(TestPlayer sender, Hash256 contract, long end) =>
        Chain.Sign(sender, ContractTransactionTypes.TerminateContract, new ContractActionPayload(contract, contract, ContractValue.Null, end, "mutual").Encode());

    public Transaction Patch(TestPlayer sender, Hash256 contract, Hash256 template, string? parameters, long from, string reason) =>
        Chain.Sign(sender, ContractTransactionTypes.PatchContract, new ContractActionPayload(contract, template, parameters is null ? ContractValue.Null : Json(parameters), from, reason).Encode());

    public Transaction Decertify(Hash256 template) =>
        Chain.Sign(Chain.Sa, ContractTransactionTypes.DecertifyTemplate, new TemplateActionPayload(template, "flaw found").Encode());

    public Transaction Execute(TestPlayer sender, Hash256 contract, string inputs) =>
        Chain.Sign(sender, ContractTransactionTypes.ExecuteContract, new ExecuteContractPayload(contract, Json(inputs)).Encode());

    /// <summary>Certifies p2p-fixed and makes a live seller→buyer contract for 8 intervals from <see cref="Start"/> at 0.10/kWh.</summary>
    public (Hash256 Template, Hash256 Contract) LiveP2p(long termEnd = Start + 8)
    {
        var template = StandardLibrary.Get("p2p-fixed").Hash;
        AssertAccepted(Chain.Append(CertifyStandard("p2p-fixed", """{ "price": 100000 }""")));
        var propose = Propose(Chain["seller"], template, """{ "price": 100000 }""", Start, termEnd, ("seller", "seller"), ("buyer", "buyer"));
        AssertAccepted(Chain.Append(propose));
        AssertAccepted(Chain.Append(Accept(Chain["buyer"], propose.Id, propose.Id)));
        return (template, propose.Id);
    }

    public ContractRecord Contract(Hash256 id) => ContractModule.FindContract(Chain.Chain.State, id) ?? throw new InvalidOperationException("No contract.");

    public static void AssertAccepted(Block block) =>
        Assert.All(block.Receipts, r => Assert.True(r.IsAccepted, $"Rejected with {r.Code}."));

    public static string Code(Block block) => Assert.Single(block.Receipts) is { IsAccepted: false } r ? r.Code : "accepted";
}
