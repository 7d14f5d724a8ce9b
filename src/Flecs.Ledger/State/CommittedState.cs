namespace Flecs.Ledger.State;

/// <summary>The state as of the last committed block, held in memory.</summary>
/// <remarks>
/// The sequencer is the only writer (after each durable block commit); admission threads, the API and verifiers read
/// it concurrently. One dictionary behind a reader-writer lock: a block's writes (a thousand keys or so) take the
/// write lock once, where a concurrent dictionary took a lock and allocated a node for every key (measured: about a
/// tenth of the sequencer's time). Iteration order is never used for anything hashed or persisted:
/// <see cref="Snapshot"/> and <see cref="WithPrefix"/> sort.
/// </remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "The lock lives as long as its chain; it creates wait handles only under contention, and those are released by their own finalizers.")]
public sealed class CommittedState : IStateReader
{
    private readonly Dictionary<string, byte[]> _values = new(StringComparer.Ordinal);
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);

    /// <summary>The number of keys.</summary>
    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try
            {
                return _values.Count;
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
    }

    /// <inheritdoc/>
    public bool TryGet(string key, out byte[] value)
    {
        _lock.EnterReadLock();
        try
        {
            if (_values.TryGetValue(key, out var found))
            {
                value = found;
                return true;
            }
        }
        finally
        {
            _lock.ExitReadLock();
        }

        value = [];
        return false;
    }

    /// <summary>Applies a committed block's writes, all at once for readers.</summary>
    public void Apply(IEnumerable<KeyValuePair<string, byte[]?>> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        _lock.EnterWriteLock();
        try
        {
            foreach (var (key, value) in writes)
            {
                if (value is null)
                {
                    _values.Remove(key);
                }
                else
                {
                    _values[key] = value;
                }
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>The entries whose key starts with <paramref name="prefix"/>, ordered by key (ordinal).</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> WithPrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return Sorted(prefix);
    }

    /// <summary>All entries ordered by key (ordinal).</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> Snapshot() => Sorted(prefix: null);

    /// <summary>Copies the entries (those under <paramref name="prefix"/>, or all) under the read lock, then sorts them outside it.</summary>
    private List<KeyValuePair<string, byte[]>> Sorted(string? prefix)
    {
        List<KeyValuePair<string, byte[]>> list;
        _lock.EnterReadLock();
        try
        {
            list = prefix is null ? [.. _values] : [.. _values.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal))];
        }
        finally
        {
            _lock.ExitReadLock();
        }

        list.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return list;
    }
}
