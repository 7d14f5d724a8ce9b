using System.Collections.Immutable;
using Flecs.Ledger.State;

namespace Flecs.Ledger.Blocks;

/// <summary>The result of executing a block's transactions: one receipt each, and the block's state writes.</summary>
/// <param name="Receipts">The receipts in block order.</param>
/// <param name="State">The block's overlay over the parent state.</param>
public sealed record BlockOutcome(ImmutableArray<Receipt> Receipts, StateOverlay State)
{
    private IReadOnlyList<KeyValuePair<string, byte[]?>>? _writes;

    /// <summary>The block's state writes in ordinal key order (a deletion is a null value): what the store persists and the chain applies. Sorted once.</summary>
    public IReadOnlyList<KeyValuePair<string, byte[]?>> Writes => _writes ??= State.SortedWrites();
}
