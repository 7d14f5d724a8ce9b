using Flecs.Ledger.Transactions;
using Flecs.Node.Clients;
using Flecs.Node.Hosting;
using Flecs.Node.Sequencing;
using Flecs.Testing.Builders;
using Flecs.Testing.Hosting;

namespace Flecs.Node.Tests.Sequencing;

[Trait("Category", "Integration")]
public sealed class EmbeddedNodeSealTests : IDisposable
{
    private readonly TempDataDirectory _dir = TempDataDirectory.Create();

    public void Dispose() => _dir.Dispose();

    [Fact(Timeout = 60_000)]
    public async Task SealAsync_SealOnRequest_CutsExactlyWhatWasSubmittedBefore()
    {
        var ct = TestContext.Current.CancellationToken;
        var node = OpenSealOnRequest();
        await using var _ = node;
        var client = new LedgerClient(node);
        var start = node.Chain.Head.Height;

        var first = Enumerable.Range(0, 5).Select(i => node.SubmitAsync(Anchor(client, "a" + i), ct)).ToArray();
        // Far longer than the default block delay: nothing is cut until the seal.
        await Task.Delay(300, ct);
        Assert.Equal(start, node.Chain.Head.Height);
        Assert.True((await node.SealAsync(ct)).IsSuccess);
        var second = Enumerable.Range(0, 3).Select(i => node.SubmitAsync(Anchor(client, "b" + i), ct)).ToArray();
        await node.SealAsync(ct);
        var firstResults = await Task.WhenAll(first);
        var secondResults = await Task.WhenAll(second);

        Assert.Equal(start + 2, node.Chain.Head.Height);
        Assert.All(firstResults, s => Assert.Equal(start + 1, s.Height));
        Assert.All(secondResults, s => Assert.Equal(start + 2, s.Height));
        Assert.Equal([0, 1, 2, 3, 4], firstResults.Select(s => s.Position));
    }

    [Fact(Timeout = 60_000)]
    public async Task SealAsync_NothingWaiting_CutsNoBlock()
    {
        var ct = TestContext.Current.CancellationToken;
        var node = OpenSealOnRequest();
        await using var _ = node;
        var start = node.Chain.Head.Height;

        await node.SealAsync(ct);
        await node.SealAsync(ct);

        Assert.Equal(start, node.Chain.Head.Height);
    }

    [Fact(Timeout = 60_000)]
    public async Task SealAsync_NodeStopped_ReturnsStopping()
    {
        var ct = TestContext.Current.CancellationToken;
        var node = OpenSealOnRequest();
        await node.DisposeAsync();

        var sealed_ = await node.SealAsync(ct);

        Assert.Equal(EmbeddedNode.Stopping, sealed_.Error?.Code);
    }

    [Fact(Timeout = 60_000)]
    public async Task SubmitAsync_SealOnRequestAndBlockFull_CutsAtTheCountLimit()
    {
        var ct = TestContext.Current.CancellationToken;
        var node = EmbeddedNode.Open(new NodeOptions { DataDirectory = _dir.Data.Root, SealOnRequest = true, MaxBlockTransactions = 2 }, TimeProvider.System).Value;
        await using var _ = node;
        var client = new LedgerClient(node);
        var start = node.Chain.Head.Height;

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => node.SubmitAsync(Anchor(client, "c" + i), ct)));

        Assert.Equal([start + 1, start + 1, start + 2, start + 2], results.Select(s => s.Height));
    }

    private EmbeddedNode OpenSealOnRequest() =>
        EmbeddedNode.Open(new NodeOptions { DataDirectory = _dir.Data.Root, SealOnRequest = true }, TimeProvider.System).Value;

    private byte[] Anchor(LedgerClient client, string name) =>
        client.Sign(_dir.Sa.Id, _dir.Sa.Signer, TransactionType.AnchorDocument, Payloads.Anchor(name)).Bytes;
}
