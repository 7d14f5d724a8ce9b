namespace Flecs.Api.Views;

/// <summary>The players the caller may see, and counts over all players.</summary>
/// <param name="Players">The caller's own record and the passive players it represents; every player for the SA.</param>
/// <param name="Total">All registered players.</param>
/// <param name="ByRole">All players by role.</param>
/// <param name="ByStatus">All players by status.</param>
public sealed record PlayersView(IReadOnlyList<PlayerView> Players, int Total, IReadOnlyDictionary<string, int> ByRole, IReadOnlyDictionary<string, int> ByStatus);
