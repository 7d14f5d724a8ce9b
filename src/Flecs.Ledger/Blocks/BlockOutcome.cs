using System.Collections.Immutable;
using Flecs.Ledger.State;

namespace Flecs.Ledger.Blocks;

/// <summary>The result of executing a block's transactions: one receipt each, and the block's state writes.</summary>
/// <remarks>A class, not a record: its sorted writes are computed once from <see cref="State"/> and must never be copied to another overlay.</remarks>
public sealed class BlockOutcome
{
    private IReadOnlyList<KeyValuePair<string, byte[]?>>? _writes;

    /// <summary>Creates the outcome.</summary>
    /// <param name="receipts">The receipts in block order.</param>
    /// <param name="state">The block's overlay over the parent state.</param>
    public BlockOutcome(ImmutableArray<Receipt> receipts, StateOverlay state)
    {
        ArgumentNullException.ThrowIfNull(state);
        Receipts = receipts;
        State = state;
    }

    /// <summary>The receipts in block order.</summary>
    public ImmutableArray<Receipt> Receipts { get; }

    /// <summary>The block's overlay over the parent state.</summary>
    public StateOverlay State { get; }

    /// <summary>The block's state writes in ordinal key order (a deletion is a null value): what the store persists and the chain applies. Sorted once.</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]?>> Writes => _writes ??= State.SortedWrites();
}
