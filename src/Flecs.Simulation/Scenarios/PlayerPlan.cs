namespace Flecs.Simulation.Scenarios;

/// <summary>A player of the district as the scenario resolves it.</summary>
/// <param name="Id">The player id.</param>
/// <param name="Role">The ledger role name (<c>prosumer</c>, <c>aggregation-company</c>, …): <see cref="Flecs.Ledger.Players.PlayerRole"/>.</param>
/// <param name="Representative">The representative of a passive player; null for an active one.</param>
/// <param name="Group">The household group, or "" for named players.</param>
public sealed record PlayerPlan(string Id, Flecs.Ledger.Players.PlayerRole Role, string? Representative, string Group);
