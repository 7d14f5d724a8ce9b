using Flecs.Ledger;
using Flecs.Ledger.Transactions;
using Flecs.Node.Clients;
using Flecs.Testing.Builders;
using Flecs.Testing.Hosting;

namespace Flecs.Node.Tests.Sequencing;

[Trait("Category", "Integration")]
public sealed class EmbeddedNodeBatchTests : IDisposable
{
    private readonly TempDataDirectory _dir = TempDataDirectory.Create();

    public void Dispose() => _dir.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task SubmitManyAsync_MixedBatch_AnswersEachInOrderAndOnlyValidOnesAreDurable()
    {
        var ct = TestContext.Current.CancellationToken;
        var node = _dir.OpenNode();
        var client = new LedgerClient(node);
        var sa = _dir.Sa;
        var batch = new[]
        {
            client.Sign(sa.Id, sa.Signer, TransactionType.AnchorDocument, Payloads.Anchor("one")).Bytes,
            new byte[] { 0x82, 0x01 },
            client.Sign(sa.Id, sa.Signer, TransactionType.AnchorDocument, Payloads.Anchor("two")).Bytes,
        };

        var results = await node.SubmitManyAsync(batch, ct);
        await node.DisposeAsync();

        Assert.Equal(3, results.Length);
        Assert.True(results[0].IsAccepted);
        Assert.Equal(LedgerErrors.Malformed, results[1].AdmissionError?.Code);
        Assert.True(results[2].IsAccepted);
        Assert.True(results[2].Height > results[0].Height || results[2].Position > results[0].Position);
        using var store = _dir.OpenStore();
        Assert.True(store.WasAccepted(results[0].TransactionId));
        Assert.True(store.WasAccepted(results[2].TransactionId));
        Assert.Null(store.FindTransaction(results[1].TransactionId));
    }
}
