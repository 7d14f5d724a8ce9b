using Flecs.Ledger.Blocks;

namespace Flecs.Testing.Chains;

/// <summary>A block a <see cref="TestChain"/> committed, with the state writes it made (what a store's Append receives).</summary>
/// <param name="Block">The block.</param>
/// <param name="StateWrites">The state writes, ordered by key; a null value is a deletion.</param>
public sealed record CommittedBlock(Block Block, IReadOnlyList<KeyValuePair<string, byte[]?>> StateWrites);
