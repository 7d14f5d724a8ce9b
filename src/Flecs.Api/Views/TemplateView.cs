namespace Flecs.Api.Views;

/// <summary>A contract template the SA has certified (or decertified).</summary>
/// <param name="Hash">The code hash (hex).</param>
/// <param name="Kind">The contract kind.</param>
/// <param name="Version">The template version.</param>
/// <param name="Certified">Whether it is certified now.</param>
/// <param name="CertifiedAtHeight">The block that certified it.</param>
/// <param name="ChangedAtHeight">The block of the last change.</param>
/// <param name="Reason">The SA's reason for the last change.</param>
public sealed record TemplateView(string Hash, string Kind, string Version, bool Certified, long CertifiedAtHeight, long ChangedAtHeight, string Reason);
