namespace Flecs.Api.Views;

/// <summary>The node's background re-verification of its own chain.</summary>
/// <param name="Enabled">Whether the node re-verifies every committed block.</param>
/// <param name="VerifiedHeight">The last height replayed and found equal.</param>
/// <param name="Ok">False after a mismatch.</param>
/// <param name="Code">The failure code.</param>
/// <param name="Message">The failure.</param>
public sealed record VerifyView(bool Enabled, long VerifiedHeight, bool Ok, string? Code, string? Message);
