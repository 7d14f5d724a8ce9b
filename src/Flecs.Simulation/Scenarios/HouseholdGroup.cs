namespace Flecs.Simulation.Scenarios;

/// <summary>A group of similar households; each household draws its sizes from the ranges with the scenario's seed.</summary>
public sealed class HouseholdGroup
{
    /// <summary>The group name; households are <c>&lt;group&gt;-001</c> ….</summary>
    public string Group { get; init; } = "homes";

    /// <summary>How many households.</summary>
    public int Count { get; init; }

    /// <summary><c>active</c> (own keys and meter gateway) or <c>passive</c> (represented by <see cref="Representative"/>).</summary>
    public string Mode { get; init; } = "active";

    /// <summary>The AggCo or TradCo that represents passive households and relays their readings.</summary>
    public string Representative { get; init; } = "aggco";

    /// <summary>The BDEW standard load profile (H0, H25, P25, S25).</summary>
    public string Profile { get; init; } = "H25";

    /// <summary>Annual consumption range, kWh: [min, max].</summary>
    public IReadOnlyList<double> AnnualKwh { get; init; } = [2_500, 5_000];

    /// <summary>Relative noise of the load around the profile.</summary>
    public double Noise { get; init; } = 0.35;

    /// <summary>Rooftop PV.</summary>
    public PvGroup Pv { get; init; } = new();

    /// <summary>Home batteries.</summary>
    public BatteryGroup Battery { get; init; } = new();

    /// <summary>Electric vehicles charged at home.</summary>
    public EvGroup Ev { get; init; } = new();

    /// <summary>Heat pumps.</summary>
    public HeatPumpGroup HeatPump { get; init; } = new();

    /// <summary>Trading in the local market (SPM).</summary>
    public SpmGroup Spm { get; init; } = new();
}
