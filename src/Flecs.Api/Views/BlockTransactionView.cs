namespace Flecs.Api.Views;

/// <summary>One transaction of a block.</summary>
/// <param name="Position">Its index in the block.</param>
/// <param name="Id">The transaction id (hex).</param>
/// <param name="Type">The transaction type name.</param>
/// <param name="Sender">The sender, when the caller may see it.</param>
/// <param name="Accepted">Accepted or rejected.</param>
/// <param name="Code">The receipt code (empty when accepted).</param>
public sealed record BlockTransactionView(int Position, string Id, string Type, string? Sender, bool Accepted, string Code);
