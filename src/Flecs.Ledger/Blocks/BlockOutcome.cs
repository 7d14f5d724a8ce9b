using System.Collections.Immutable;
using Flecs.Ledger.State;

namespace Flecs.Ledger.Blocks;

/// <summary>The result of executing a block's transactions: one receipt each, and the block's state writes.</summary>
/// <param name="Receipts">The receipts in block order.</param>
/// <param name="State">The block's overlay over the parent state.</param>
public sealed record BlockOutcome(ImmutableArray<Receipt> Receipts, StateOverlay State);
