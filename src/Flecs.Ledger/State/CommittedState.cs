using System.Collections.Concurrent;

namespace Flecs.Ledger.State;

/// <summary>The state as of the last committed block, held in memory.</summary>
/// <remarks>
/// The sequencer is the only writer (after each durable block commit); admission threads read it
/// concurrently to pre-verify signatures, hence the concurrent dictionary. Iteration order is never
/// used for anything hashed or persisted: <see cref="Snapshot"/> sorts.
/// </remarks>
public sealed class CommittedState : IStateReader
{
    private readonly ConcurrentDictionary<string, byte[]> _values = new(StringComparer.Ordinal);

    /// <summary>The number of keys.</summary>
    public int Count => _values.Count;

    /// <inheritdoc/>
    public bool TryGet(string key, out byte[] value)
    {
        if (_values.TryGetValue(key, out var found))
        {
            value = found;
            return true;
        }

        value = [];
        return false;
    }

    /// <summary>Applies a committed block's writes.</summary>
    public void Apply(IEnumerable<KeyValuePair<string, byte[]?>> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        foreach (var (key, value) in writes)
        {
            if (value is null)
            {
                _values.TryRemove(key, out _);
            }
            else
            {
                _values[key] = value;
            }
        }
    }

    /// <summary>The entries whose key starts with <paramref name="prefix"/>, ordered by key (ordinal).</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> WithPrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var list = _values.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        list.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return list;
    }

    /// <summary>All entries ordered by key (ordinal).</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]>> Snapshot()
    {
        var list = _values.ToList();
        list.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return list;
    }
}
