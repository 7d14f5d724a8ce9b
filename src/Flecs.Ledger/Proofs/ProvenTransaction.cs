using Flecs.Core.Identity;
using Flecs.Ledger.Blocks;

namespace Flecs.Ledger.Proofs;

/// <summary>What a verified <see cref="TransactionProof"/> establishes.</summary>
/// <param name="TransactionId">The transaction's id.</param>
/// <param name="Receipt">Its receipt (accepted, or rejected with a code).</param>
/// <param name="Height">The block that holds it.</param>
/// <param name="Position">Its index in that block.</param>
/// <param name="HeadHeight">The sealed head that commits to the block.</param>
/// <param name="HeadHash">That head's hash.</param>
public sealed record ProvenTransaction(Hash256 TransactionId, Receipt Receipt, long Height, int Position, long HeadHeight, Hash256 HeadHash);
