using Flecs.Contracts.Library;
using Flecs.Contracts.Lifecycle;
using Flecs.Contracts.Templates;
using Flecs.Contracts.Values;
using Flecs.Core.Identity;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Players;
using Flecs.Ledger.Transactions;
using Flecs.Ledger.Verification;
using Flecs.Node.Clients;
using Flecs.Node.Sequencing;
using Flecs.Testing;
using Flecs.Testing.Hosting;

namespace Flecs.Contracts.Tests.Lifecycle;

/// <summary>Contract executions through the real embedded node: identical receipts on two nodes and after a restart, and a chain that verifies by re-execution.</summary>
public sealed class ContractRestartTests
{
    [Fact]
    public async Task Execute_SameInputsOnTwoNodesAndAfterRestart_ByteIdenticalReceiptsAndTheChainVerifies()
    {
        var ct = TestContext.Current.CancellationToken;
        using var first = TempDataDirectory.Create();
        using var second = TempDataDirectory.Create();

        var a = await RunAsync(first, ct);
        var b = await RunAsync(second, ct);

        Assert.Equal(a.Receipt, b.Receipt);
        var node = first.OpenNode();
        await using (node.ConfigureAwait(false))
        {
            var again = await ExecuteAsync(node, first, a.Contract, Start + 2, ct);
            Assert.True(again.IsAccepted, again.RejectionCode);
        }

        using var store = first.OpenStore();
        var report = LedgerVerifier.Verify(store, new Ed25519SignatureVerifier(), StandardModules.Executors());
        Assert.True(report.IsValid, report.ToString());
    }

    private const long Start = 1_767_225_600 / 900;

    private static async Task<(byte[] Receipt, Hash256 Contract)> RunAsync(TempDataDirectory data, CancellationToken ct)
    {
        var node = data.OpenNode();
        await using (node.ConfigureAwait(false))
        {
            var client = new LedgerClient(node);
            var sa = data.Sa;
            foreach (var (id, role) in new[] { ("seller", PlayerRole.Prosumer), ("buyer", PlayerRole.Prosumer), ("mo", PlayerRole.MarketOperator) })
            {
                var player = TestPlayer.Named(id);
                Accepted(await client.RegisterActiveAsync(sa.Id, sa.Signer, player.Id, role, player.PublicKey, ct));
                Accepted(await client.ActOnAsync(sa.Id, sa.Signer, TransactionType.AuthorizePlayer, player.Id, string.Empty, ct));
            }

            var template = StandardLibrary.Get("p2p-fixed");
            Accepted(await client.SendAsync(sa.Id, sa.Signer, ContractTransactionTypes.CertifyTemplate, new CertifyTemplatePayload(template.Source, [DryRunSample.For(template.Meta)]).Encode(), ct));
            var parties = new[] { ("seller", "seller"), ("buyer", "buyer") }.ToDictionary(p => p.Item1, p => PlayerId.Parse(p.Item2), StringComparer.Ordinal);
            var propose = await client.SendAsync(PlayerId.Parse("seller"), TestPlayer.Named("seller").Signer, ContractTransactionTypes.ProposeContract, new ProposeContractPayload(
                template.Hash, ContractScenario.Json("""{ "price": 123456 }"""), System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, parties), Start, Start + 8).Encode(), ct);
            Accepted(propose);
            Accepted(await client.SendAsync(PlayerId.Parse("buyer"), TestPlayer.Named("buyer").Signer, ContractTransactionTypes.AcceptContract, new ContractActionPayload(propose.TransactionId, propose.TransactionId, ContractValue.Null, 0, string.Empty).Encode(), ct));
            var executed = await ExecuteAsync(node, data, propose.TransactionId, Start, ct);
            Accepted(executed);
            return (executed.Receipt!.Encode(), propose.TransactionId);
        }
    }

    private static Task<Submission> ExecuteAsync(EmbeddedNode node, TempDataDirectory data, Hash256 contract, long first, CancellationToken ct) =>
        new LedgerClient(node).SendAsync(PlayerId.Parse("mo"), TestPlayer.Named("mo").Signer, ContractTransactionTypes.ExecuteContract, new ExecuteContractPayload(contract, ContractScenario.Json(ContractScenario.Inputs(first, 2,
            """ "seller": { "import": 0, "export": [4321, 999] }, "buyer": { "import": [2500, 3000], "export": 0 } """))).Encode(), ct);

    private static void Accepted(Submission submission) => Assert.True(submission.IsAccepted, submission.RejectionCode);
}
