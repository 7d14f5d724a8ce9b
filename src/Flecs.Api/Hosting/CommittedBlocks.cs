using System.Runtime.CompilerServices;
using Flecs.Ledger.Storage;
using Flecs.Node.Hosting;

namespace Flecs.Api.Hosting;

/// <summary>
/// The blocks a node commits, in height order, as they become durable: the one loop behind the block stream, the market
/// feed, the background verifier and the status totals.
/// </summary>
internal static class CommittedBlocks
{
    /// <summary>
    /// Yields every block above <paramref name="after"/>, waiting on the node's <see cref="HeadSignal"/> for new ones, until
    /// <paramref name="cancellationToken"/> ends it (<see cref="OperationCanceledException"/>). A block missing below the
    /// announced head means the store is damaged: the sequence ends.
    /// </summary>
    /// <exception cref="LedgerStoreException">The store cannot be read.</exception>
    public static async IAsyncEnumerable<StoredBlock> FollowAsync(ILedgerNode node, long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        var sent = after;
        while (true)
        {
            var head = await node.Head.WaitBeyondAsync(sent, cancellationToken).ConfigureAwait(false);
            for (var h = sent + 1; h <= head; h++)
            {
                if (node.Read(s => s.ReadBlock(h)) is not { } stored)
                {
                    yield break;
                }

                yield return stored;
                sent = h;
            }
        }
    }
}
