namespace Flecs.Api.Views;

/// <summary>Signed transactions to submit in order.</summary>
/// <param name="Transactions">The canonical transaction envelopes (base64 in JSON).</param>
public sealed record SubmitBatchRequest(IReadOnlyList<byte[]> Transactions);
