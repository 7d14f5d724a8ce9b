namespace Flecs.Simulation.Assets;

/// <summary>
/// Technology defaults: net electrical efficiency (fleet-typical), fuel, IPCC 2006 default emission
/// factor of the fuel (t CO₂ per MWh thermal: gas 56.1 t/TJ = 0.202, hard coal 94.6 t/TJ = 0.341,
/// lignite 101 t/TJ = 0.364, fuel oil 74.1 t/TJ = 0.267) and variable O&amp;M cost (€/MWh electric).
/// </summary>
/// <param name="Name">The technology name.</param>
/// <param name="Fuel">The fuel priced by <see cref="FuelPrices"/>.</param>
/// <param name="Efficiency">Net electrical efficiency.</param>
/// <param name="EmissionTonnesPerMwhTh">t CO₂ per MWh of fuel.</param>
/// <param name="VariableCostEurPerMwh">Variable O&amp;M cost, € per MWh electric.</param>
/// <param name="Dispatchable">Whether output is controllable (thermal, hydro) rather than weather-driven.</param>
public sealed record GeneratorTechnology(
    string Name,
    string Fuel,
    double Efficiency,
    double EmissionTonnesPerMwhTh,
    double VariableCostEurPerMwh,
    bool Dispatchable)
{
    /// <summary>The known technologies.</summary>
    public static IReadOnlyList<GeneratorTechnology> All { get; } =
    [
        new("gas-ccgt", "gas", 0.55, 0.202, 3.0, true),
        new("gas-ocgt", "gas", 0.38, 0.202, 5.0, true),
        new("coal", "coal", 0.40, 0.341, 5.0, true),
        new("lignite", "lignite", 0.37, 0.364, 6.0, true),
        new("oil", "oil", 0.35, 0.267, 5.0, true),
        new("nuclear", "uranium", 0.33, 0.0, 10.0, true),
        new("hydro", "hydro", 1.0, 0.0, 2.0, true),
        new("wind", "wind", 1.0, 0.0, 1.0, false),
        new("solar", "solar", 1.0, 0.0, 0.5, false),
    ];

    /// <summary>The defaults of a technology by name (case-insensitive).</summary>
    public static GeneratorTechnology Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var t in All)
        {
            if (string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return t;
            }
        }

        throw new ArgumentException($"Unknown generator technology '{name}'; known: {string.Join(", ", All.Select(t => t.Name))}.", nameof(name));
    }
}
