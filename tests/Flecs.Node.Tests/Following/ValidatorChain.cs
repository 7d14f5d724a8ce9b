using System.Collections.Immutable;
using System.Globalization;
using Flecs.Contracts.Library;
using Flecs.Contracts.Lifecycle;
using Flecs.Contracts.Templates;
using Flecs.Contracts.Values;
using Flecs.Core.Identity;
using Flecs.Ledger;
using Flecs.Ledger.Players;
using Flecs.Ledger.Transactions;
using Flecs.Node.Clients;
using Flecs.Node.Sequencing;
using Flecs.Testing;
using Flecs.Testing.Builders;
using Flecs.Testing.Hosting;

namespace Flecs.Node.Tests.Following;

/// <summary>
/// Grows a validator's chain through the real embedded node: registrations and authorizations, a rejected replay of a
/// document, and a P2P contract certified, proposed, accepted and executed (a receipt with an output). Each awaited
/// submission is its own block.
/// </summary>
internal static class ValidatorChain
{
    /// <summary>2026-01-01T00:00Z in 15-minute intervals.</summary>
    private const long Start = 1_767_225_600 / 900;

    public static async Task BuildAsync(EmbeddedNode node, TempDataDirectory dir, CancellationToken ct)
    {
        var client = new LedgerClient(node);
        var sa = dir.Sa;
        foreach (var (id, role) in new[] { ("seller", PlayerRole.Prosumer), ("buyer", PlayerRole.Prosumer), ("mo", PlayerRole.MarketOperator) })
        {
            var player = TestPlayer.Named(id);
            Accepted(await client.RegisterActiveAsync(sa.Id, sa.Signer, player.Id, role, player.PublicKey, ct));
            Accepted(await client.ActOnAsync(sa.Id, sa.Signer, TransactionType.AuthorizePlayer, player.Id, "onboarding", ct));
        }

        Accepted(await client.AnchorAsync(sa.Id, sa.Signer, Payloads.DocumentHash("tariff"), "tariff", ct));
        var replay = await client.AnchorAsync(sa.Id, sa.Signer, Payloads.DocumentHash("tariff"), "tariff", ct);
        Assert.Equal(LedgerErrors.DocumentExists, replay.RejectionCode);

        var template = StandardLibrary.Get("p2p-fixed");
        Accepted(await client.SendAsync(sa.Id, sa.Signer, ContractTransactionTypes.CertifyTemplate, new CertifyTemplatePayload(template.Source, [DryRunSample.For(template.Meta)]).Encode(), ct));
        var parties = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("seller", PlayerId.Parse("seller")), KeyValuePair.Create("buyer", PlayerId.Parse("buyer"))]);
        var seller = TestPlayer.Named("seller");
        var propose = await client.SendAsync(seller.Id, seller.Signer, ContractTransactionTypes.ProposeContract, new ProposeContractPayload(template.Hash, Json("""{ "price": 123456 }"""), parties, Start, Start + 8).Encode(), ct);
        Accepted(propose);
        var buyer = TestPlayer.Named("buyer");
        Accepted(await client.SendAsync(buyer.Id, buyer.Signer, ContractTransactionTypes.AcceptContract, new ContractActionPayload(propose.TransactionId, propose.TransactionId, ContractValue.Null, 0, string.Empty).Encode(), ct));
        var mo = TestPlayer.Named("mo");
        var inputs = $$"""{ "start": "{{DateTimeOffset.FromUnixTimeSeconds(Start * 900).ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture)}}", "minutes": 15, "count": 2, "meters": { "seller": { "import": 0, "export": [4321, 999] }, "buyer": { "import": [2500, 3000], "export": 0 } }, "prices": { } }""";
        var executed = await client.SendAsync(mo.Id, mo.Signer, ContractTransactionTypes.ExecuteContract, new ExecuteContractPayload(propose.TransactionId, Json(inputs)).Encode(), ct);
        Accepted(executed);
        Assert.False(executed.Receipt!.Output.IsEmpty);
    }

    /// <summary>The SA anchors one more document: one more block.</summary>
    public static async Task AnchorAsync(EmbeddedNode node, TempDataDirectory dir, string document, CancellationToken ct)
    {
        var sa = dir.Sa;
        Accepted(await new LedgerClient(node).AnchorAsync(sa.Id, sa.Signer, Payloads.DocumentHash(document), "plan", ct));
    }

    private static ContractValue Json(string json)
    {
        var parsed = ContractValue.ParseJson(json);
        Assert.True(parsed.IsSuccess, parsed.Error?.ToString());
        return parsed.Value;
    }

    private static void Accepted(Submission submission) => Assert.True(submission.IsAccepted, submission.RejectionCode);
}
