namespace Flecs.Api.Views;

/// <summary>A contract.</summary>
/// <param name="Id">The contract id (hex).</param>
/// <param name="Kind">The template's contract kind.</param>
/// <param name="Template">The template hash in force now (hex).</param>
/// <param name="Status">The status.</param>
/// <param name="Parties">Player ids by role.</param>
/// <param name="TermStart">The first interval.</param>
/// <param name="TermEnd">The end of the term.</param>
/// <param name="NextInterval">The next interval to execute.</param>
/// <param name="Proposer">The proposer.</param>
/// <param name="Pending">The kind of a pending proposal.</param>
/// <param name="Parameters">The parameters in force.</param>
/// <param name="State">The template's state after the last executed interval.</param>
public sealed record ContractView(string Id, string Kind, string Template, string Status, IReadOnlyDictionary<string, string> Parties, DateTimeOffset TermStart, DateTimeOffset TermEnd, DateTimeOffset NextInterval, string Proposer, string? Pending, System.Text.Json.JsonElement Parameters, System.Text.Json.JsonElement State);
