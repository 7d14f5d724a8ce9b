namespace Flecs.Node.Hosting;

/// <summary>Options of the embedded node. Block size limits come from genesis; these tune when a block is cut.</summary>
public sealed class NodeOptions
{
    /// <summary>The data directory.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The validator id whose key seals blocks; default: the first genesis validator whose key file is present.</summary>
    public string? ValidatorId { get; init; }

    /// <summary>The longest a transaction waits, after its admission, for its block to be cut. Default 50 ms.</summary>
    public TimeSpan MaxBlockDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Cut blocks only when full (count or bytes) or when <see cref="Sequencing.EmbeddedNode.SealAsync"/> asks, never on
    /// <see cref="MaxBlockDelay"/>. For reproducible runs (simulations): with one submitter that submits in order and
    /// seals, the same submissions give the same blocks whatever the machine's timing. Default false.
    /// </summary>
    public bool SealOnRequest { get; init; }

    /// <summary>The most transactions per block, at most the genesis limit. Default: the genesis limit.</summary>
    public int? MaxBlockTransactions { get; init; }

    /// <summary>The most transactions waiting for a block before submitters are made to wait. Default 200,000.</summary>
    public int QueueCapacity { get; init; } = 200_000;

    /// <summary>
    /// For a SQLite store: the state log size from which the node writes a state snapshot even when the snapshot is
    /// smaller (docs/formats/sqlite-store.md#state-snapshot-and-log). Default: the store's, 16 MiB.
    /// </summary>
    public long? StateSnapshotAfterLogBytes { get; init; }

    /// <summary>
    /// For a SQLite store: the transactions whose ids wait outside the id index before the node inserts them, in id
    /// order (docs/formats/sqlite-store.md#transaction-id-index). Default: the store's, 65,536.
    /// </summary>
    public int? IndexAfterTransactions { get; init; }

    /// <summary>Checks the options; the message names the property, its value and the rule.</summary>
    public void Validate()
    {
        if (MaxBlockDelay <= TimeSpan.Zero || MaxBlockDelay > TimeSpan.FromSeconds(10))
        {
            throw new InvalidOperationException($"MaxBlockDelay is {MaxBlockDelay}; it must be greater than zero and at most 10 s.");
        }

        if (MaxBlockTransactions is < 1)
        {
            throw new InvalidOperationException($"MaxBlockTransactions is {MaxBlockTransactions}; it must be at least 1.");
        }

        if (StateSnapshotAfterLogBytes is < 1)
        {
            throw new InvalidOperationException($"StateSnapshotAfterLogBytes is {StateSnapshotAfterLogBytes}; it must be at least 1.");
        }

        if (IndexAfterTransactions is < 1)
        {
            throw new InvalidOperationException($"IndexAfterTransactions is {IndexAfterTransactions}; it must be at least 1.");
        }

        if (QueueCapacity < 1)
        {
            throw new InvalidOperationException($"QueueCapacity is {QueueCapacity}; it must be at least 1.");
        }
    }
}
