namespace Flecs.Api.Views;

/// <summary>A registered player.</summary>
/// <param name="Id">The player id.</param>
/// <param name="Role">The role.</param>
/// <param name="Mode">active or passive.</param>
/// <param name="Status">pending, authorized, suspended or revoked.</param>
/// <param name="PublicKey">The signing key (hex); null for a passive player.</param>
/// <param name="Representative">The TradCo or AggCo that signs for a passive player.</param>
/// <param name="Sequence">The sequence number of its last accepted transaction.</param>
/// <param name="RegisteredAtHeight">The block that registered it.</param>
public sealed record PlayerView(string Id, string Role, string Mode, string Status, string? PublicKey, string? Representative, long Sequence, long RegisteredAtHeight);
