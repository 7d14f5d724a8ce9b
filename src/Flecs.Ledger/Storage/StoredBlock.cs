using System.Collections.Immutable;
using Flecs.Core.Identity;

namespace Flecs.Ledger.Storage;

/// <summary>A block exactly as a store holds it: raw bytes, before any decoding or checking.</summary>
/// <param name="Height">The height (the row key).</param>
/// <param name="Hash">The block hash as stored (an index, checked against the header on verify).</param>
/// <param name="Header">The canonical header bytes.</param>
/// <param name="Seal">The seal bytes.</param>
/// <param name="Transactions">The transactions in block order.</param>
/// <param name="StateWrites">The block's state writes as the store logged them (<see cref="StateWriteLog"/>), when it keeps them for this block; the verifier compares them with re-execution.</param>
public sealed record StoredBlock(long Height, Hash256 Hash, byte[] Header, byte[] Seal, ImmutableArray<StoredTransaction> Transactions, byte[]? StateWrites = null);
