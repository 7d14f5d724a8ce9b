namespace Flecs.Ledger.Storage;

/// <summary>Where a transaction is in the chain.</summary>
/// <param name="Height">The block height.</param>
/// <param name="Position">The index within the block.</param>
/// <param name="IsAccepted">Whether its receipt says accepted.</param>
public sealed record TransactionLocation(long Height, int Position, bool IsAccepted);
