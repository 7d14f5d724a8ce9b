namespace Flecs.Api.Views;

/// <summary>A transaction with its receipt.</summary>
/// <param name="Id">The transaction id (hex).</param>
/// <param name="Height">The block height.</param>
/// <param name="Position">Its index in the block.</param>
/// <param name="BlockTime">The block's timestamp.</param>
/// <param name="Type">The transaction type name.</param>
/// <param name="Sender">The sender.</param>
/// <param name="Sequence">The sender's sequence number.</param>
/// <param name="Accepted">Accepted or rejected.</param>
/// <param name="Code">The receipt code (empty when accepted).</param>
public sealed record TransactionView(string Id, long Height, int Position, DateTimeOffset BlockTime, string Type, string Sender, long Sequence, bool Accepted, string Code);
