namespace Flecs.Api.Views;

/// <summary>What became of a submitted transaction: accepted or rejected in a durable block, or refused before ordering.</summary>
/// <param name="Id">The transaction id (hex).</param>
/// <param name="Status">accepted, rejected or refused.</param>
/// <param name="Height">The block that records it.</param>
/// <param name="Position">Its index in that block.</param>
/// <param name="Code">The rejection or refusal code.</param>
/// <param name="Message">Why it was refused.</param>
public sealed record SubmissionView(string Id, string Status, long? Height, int? Position, string? Code, string? Message);
