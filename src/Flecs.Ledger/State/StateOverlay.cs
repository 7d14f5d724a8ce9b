namespace Flecs.Ledger.State;

/// <summary>Uncommitted writes layered over a parent state: one per block, and one per transaction inside it.</summary>
/// <remarks>
/// A rejected transaction's overlay is dropped, so it changes nothing; an accepted one is merged into
/// the block's overlay. <see cref="SortedWrites"/> orders writes ordinally so that persisting them is
/// deterministic. Not thread-safe: the sequencer owns it.
/// </remarks>
public sealed class StateOverlay : IStateReader
{
    private readonly IStateReader _parent;
    private readonly Dictionary<string, byte[]?> _writes;

    /// <summary>Creates an empty overlay over <paramref name="parent"/>, with room for <paramref name="capacity"/> keys.</summary>
    public StateOverlay(IStateReader parent, int capacity = 0)
    {
        ArgumentNullException.ThrowIfNull(parent);
        _parent = parent;
        _writes = new(capacity, StringComparer.Ordinal);
    }

    /// <summary>The number of keys written.</summary>
    public int Count => _writes.Count;

    /// <inheritdoc/>
    public bool TryGet(string key, out byte[] value)
    {
        if (_writes.TryGetValue(key, out var written))
        {
            value = written ?? [];
            return written is not null;
        }

        return _parent.TryGet(key, out value);
    }

    /// <summary>Writes a value.</summary>
    public void Set(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        _writes[key] = value;
    }

    /// <summary>Deletes a key.</summary>
    public void Delete(string key) => _writes[key] = null;

    /// <summary>Whether this overlay itself set or deleted <paramref name="key"/> (its parent's writes do not count).</summary>
    public bool Wrote(string key) => _writes.ContainsKey(key);

    /// <summary>Moves this overlay's writes into <paramref name="target"/> (normally its parent).</summary>
    public void MergeInto(StateOverlay target)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var (key, value) in _writes)
        {
            target._writes[key] = value;
        }

        _writes.Clear();
    }

    /// <summary>Drops this overlay's writes (a rejected transaction's), keeping its capacity for the next.</summary>
    public void Discard() => _writes.Clear();

    /// <summary>The writes ordered by key (ordinal); a null value is a deletion.</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]?>> SortedWrites()
    {
        var list = _writes.ToList();
        list.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return list;
    }
}
