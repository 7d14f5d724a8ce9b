namespace Flecs.Api.Views;

/// <summary>A signed transaction to submit.</summary>
/// <param name="Transaction">The canonical transaction envelope (base64 in JSON).</param>
public sealed record SubmitRequest(byte[] Transaction);
