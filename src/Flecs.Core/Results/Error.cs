namespace Flecs.Core.Results;

/// <summary>An expected domain failure: a stable machine-readable <see cref="Code"/> and a human-readable message.</summary>
/// <remarks>
/// Codes are dotted lower-case paths such as <c>ledger.tx.bad-signature</c>. A code, once published,
/// never changes meaning: receipts persist it, and the API and CLI map it to ProblemDetails and exit codes.
/// </remarks>
/// <param name="Code">The stable code.</param>
/// <param name="Message">What went wrong, for a person.</param>
public sealed record Error(string Code, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Code}: {Message}";
}
