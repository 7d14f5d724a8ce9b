namespace Flecs.Api.Views;

/// <summary>A bearer token for a browser session, issued to a signed request.</summary>
/// <param name="Token">The bearer token.</param>
/// <param name="Expires">When it expires.</param>
/// <param name="Player">The player it acts as.</param>
/// <param name="Role">The player's role.</param>
public sealed record SessionView(string Token, DateTimeOffset Expires, string Player, string Role);
