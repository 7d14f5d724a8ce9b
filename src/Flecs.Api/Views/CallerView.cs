namespace Flecs.Api.Views;

/// <summary>Who the node takes the caller to be.</summary>
/// <param name="Player">The player, or null when anonymous.</param>
/// <param name="Role">The role.</param>
/// <param name="Supervisor">Whether the caller sees everything (the SA).</param>
public sealed record CallerView(string? Player, string? Role, bool Supervisor);
