using Flecs.Core.Results;
using Flecs.Ledger.Storage;

namespace Flecs.Node.Following;

/// <summary>
/// Where a <see cref="FollowerNode"/> gets blocks: a validator's API over HTTP, or (in tests and tools) another node's
/// store. The port of a follower's transport.
/// </summary>
/// <remarks>
/// A source is not trusted: the follower checks every block it returns (hash links, seal, Merkle roots, receipts by
/// re-execution). A source reports its own failures (an unreachable server, a broken stream) as errors, which the
/// follower retries with backoff; it never decides whether a block is valid. Blocks travel in the
/// <see cref="BlockTransfer"/> encoding (docs/formats/block-transfer.md).
/// </remarks>
public interface IBlockSource
{
    /// <summary>Fetches the block at <paramref name="height"/>.</summary>
    /// <returns>The block as the source holds it (its hash and ids recomputed from the bytes, as
    /// <see cref="BlockTransfer.Decode"/> gives them); null when the source has not produced that height yet; or an error
    /// when the source cannot be reached or answers with something that is not a block.</returns>
    public Task<Result<StoredBlock?>> FetchAsync(long height, CancellationToken cancellationToken);

    /// <summary>
    /// Completes when the source may hold the block at <paramref name="height"/>: at once when it knows its head is there,
    /// when its head stream (Server-Sent Events) announces it, or after one poll interval when the source only polls.
    /// </summary>
    /// <remarks>
    /// The follower calls this after <see cref="FetchAsync"/> answered null, then fetches again; completing early only
    /// costs one fetch. An implementation must honour <paramref name="cancellationToken"/>.
    /// </remarks>
    /// <returns>The source's head height when it knows it, null when it does not (a polling source), or an error when the
    /// source cannot be reached.</returns>
    public Task<Result<long?>> WaitForHeightAsync(long height, CancellationToken cancellationToken);
}
