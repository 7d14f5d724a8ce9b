using System.Collections.Concurrent;
using Flecs.Core.Results;
using Flecs.Ledger.Storage;
using Flecs.Node.Following;
using Flecs.Node.Hosting;

namespace Flecs.Node.Tests.Following;

/// <summary>
/// A block source over another node or a closed store, as the HTTP source will be: every block goes through
/// <see cref="BlockTransfer"/> encoding and decoding. Tests can cap the served head, replace a height with a forged
/// block and make the next fetches fail.
/// </summary>
internal sealed class TestBlockSource : IBlockSource
{
    public const string Down = "test.source.down";

    private readonly Func<long, StoredBlock?> _read;
    private readonly Func<long, CancellationToken, Task<long>> _waitForHeight;
    private readonly ConcurrentDictionary<long, StoredBlock> _forged = new();
    private int _failures;
    private int _fetches;

    private TestBlockSource(Func<long, StoredBlock?> read, Func<long, CancellationToken, Task<long>> waitForHeight)
    {
        _read = read;
        _waitForHeight = waitForHeight;
    }

    /// <summary>Heights above this are not produced yet (null, and waiting for them waits until cancelled).</summary>
    public long? Limit { get; set; }

    public int Fetches => Volatile.Read(ref _fetches);

    /// <summary>A source over a running node: waits on its head signal.</summary>
    public static TestBlockSource Of(ILedgerNode node) =>
        new(h => node.Read(s => s.ReadBlock(h)), (h, ct) => node.Head.WaitBeyondAsync(h - 1, ct));

    /// <summary>A source over a store no node writes to: its head never moves.</summary>
    public static TestBlockSource Of(ILedgerStore store) =>
        new(store.ReadBlock, async (h, ct) =>
        {
            if (store.HeadHeight >= h)
            {
                return store.HeadHeight;
            }

            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return store.HeadHeight;
        });

    /// <summary>Serves <paramref name="block"/> at its height instead of the real one.</summary>
    public void Forge(StoredBlock block) => _forged[block.Height] = block;

    /// <summary>Makes the next <paramref name="count"/> fetches fail with <see cref="Down"/>.</summary>
    public void FailNext(int count) => Volatile.Write(ref _failures, count);

    public Task<Result<StoredBlock?>> FetchAsync(long height, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _fetches);
        if (Interlocked.Decrement(ref _failures) >= 0)
        {
            return Task.FromResult(Result<StoredBlock?>.Fail(Down, $"The source is down (fetching {height})."));
        }

        Interlocked.Exchange(ref _failures, 0);
        var block = height > Limit ? null : _forged.TryGetValue(height, out var forged) ? forged : _read(height);
        if (block is null)
        {
            return Task.FromResult(Result<StoredBlock?>.Ok(null));
        }

        var transferred = BlockTransfer.Decode(BlockTransfer.Encode(block));
        return Task.FromResult(transferred.IsSuccess ? Result<StoredBlock?>.Ok(transferred.Value) : Result<StoredBlock?>.Fail(transferred.Error));
    }

    public async Task<Result<long?>> WaitForHeightAsync(long height, CancellationToken cancellationToken)
    {
        if (height > Limit)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        return await _waitForHeight(height, cancellationToken);
    }
}
