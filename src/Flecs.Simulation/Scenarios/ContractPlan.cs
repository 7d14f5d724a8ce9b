namespace Flecs.Simulation.Scenarios;

/// <summary>One contract to agree: the template, each role's player and the parameters as JSON.</summary>
/// <param name="Template">The standard template's kind.</param>
/// <param name="Parties">Role → player id, ordinal by role.</param>
/// <param name="ParametersJson">The parameters (JSON object).</param>
public sealed record ContractPlan(string Template, IReadOnlyList<KeyValuePair<string, string>> Parties, string ParametersJson);
