namespace Flecs.Simulation.Scenarios;

/// <summary>
/// Contracts of one template. Each party is a player id (the same player in every contract) or a slice of a group's
/// members, <c>group[from:to]</c> (0-based, end exclusive) or <c>group</c> (all): slices of equal length pair up,
/// one contract per position.
/// </summary>
public sealed class ContractSpec
{
    /// <summary>The standard template (p2p-fixed, p2p-indexed, p2g, physical-ppa, virtual-ppa, site-ppa, take-and-pay, take-or-pay, green-certificates, demand-response, reserve).</summary>
    public string Template { get; init; } = string.Empty;

    /// <summary>Role → player id or group slice.</summary>
    public IReadOnlyDictionary<string, string> Parties { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The template's parameters in its own units (µ/kWh, mWh per interval, W; docs/contracts/library).</summary>
    public IReadOnlyDictionary<string, object> Params { get; init; } = new Dictionary<string, object>(StringComparer.Ordinal);
}
