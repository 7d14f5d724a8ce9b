using Flecs.Core.Identity;

namespace Flecs.Ledger.Storage;

/// <summary>A transaction row as a store holds it.</summary>
/// <param name="Id">The id as stored (an index, checked against the bytes on verify).</param>
/// <param name="Bytes">The envelope bytes.</param>
/// <param name="Receipt">The receipt bytes (empty for the genesis document).</param>
public sealed record StoredTransaction(Hash256 Id, byte[] Bytes, byte[] Receipt);
