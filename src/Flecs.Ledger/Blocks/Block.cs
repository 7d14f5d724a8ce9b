using System.Collections.Immutable;
using Flecs.Core.Identity;

namespace Flecs.Ledger.Blocks;

/// <summary>A sealed block: header, the validator's seal, the transaction envelopes in order, and one receipt per transaction.</summary>
/// <param name="Header">The header.</param>
/// <param name="Seal">The sealer's Ed25519 signature over <c>"FLECS/seal/v1\0" ‖ hash</c> (empty for genesis).</param>
/// <param name="Transactions">The envelopes as received, including rejected ones (for genesis: the genesis document).</param>
/// <param name="Receipts">The receipts, one per transaction (none for genesis).</param>
public sealed record Block(BlockHeader Header, byte[] Seal, ImmutableArray<byte[]> Transactions, ImmutableArray<Receipt> Receipts)
{
    /// <summary>The block hash.</summary>
    public Hash256 Hash { get; } = Header.Hash();
}
