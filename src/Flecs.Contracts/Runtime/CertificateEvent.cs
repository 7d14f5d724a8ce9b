namespace Flecs.Contracts.Runtime;

/// <summary>A green-certificate event: <c>issue</c> (to a party, from metered renewable output) or <c>transfer</c> (between parties).</summary>
/// <param name="Action"><c>issue</c> or <c>transfer</c>.</param>
/// <param name="From">The transferring party's role (null for issue).</param>
/// <param name="To">The receiving party's role.</param>
/// <param name="Count">Whole certificates (1 MWh each), &gt; 0.</param>
public sealed record CertificateEvent(string Action, string? From, string To, long Count);
