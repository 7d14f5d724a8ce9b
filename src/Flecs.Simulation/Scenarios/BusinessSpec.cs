namespace Flecs.Simulation.Scenarios;

/// <summary>A commercial or industrial consumer, or a demand-response provider, with its own meter.</summary>
public sealed class BusinessSpec
{
    /// <summary>The player id.</summary>
    public string Id { get; init; } = string.Empty;

    /// <summary>The role: <c>prosumer</c> or <c>demand-response-provider</c>.</summary>
    public string Role { get; init; } = "prosumer";

    /// <summary>The BDEW profile (G0–G6, L0–L2, H0, H25).</summary>
    public string Profile { get; init; } = "G0";

    /// <summary>Annual consumption, kWh.</summary>
    public double AnnualKwh { get; init; } = 100_000;

    /// <summary>Relative load noise.</summary>
    public double Noise { get; init; } = 0.15;

    /// <summary>Connection level: <c>low-voltage</c> or <c>medium-voltage</c>.</summary>
    public string Level { get; init; } = "medium-voltage";

    /// <summary>Share of the load shed during a demand-response event of its contracts (0–1).</summary>
    public double Flexibility { get; init; }
}
