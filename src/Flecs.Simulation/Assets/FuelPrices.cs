namespace Flecs.Simulation.Assets;

/// <summary>Daily fuel and carbon prices: the base prices of <see cref="FuelOptions"/> times every active <see cref="PriceShock"/>.</summary>
public sealed class FuelPrices
{
    private readonly FuelOptions _options;

    /// <summary>Creates the price path.</summary>
    public FuelPrices(FuelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>The options.</summary>
    public FuelOptions Options => _options;

    /// <summary>
    /// A fuel's price on a date, €/MWh thermal. Fuels: <c>gas</c>, <c>coal</c>, <c>lignite</c>, <c>oil</c>,
    /// <c>uranium</c> (also <c>nuclear</c>); <c>wind</c>, <c>solar</c> and <c>hydro</c> cost 0.
    /// </summary>
    public double Price(string fuel, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(fuel);
        var key = fuel.ToLowerInvariant();
        var basePrice = key switch
        {
            "gas" => _options.GasEurPerMwh,
            "coal" => _options.CoalEurPerMwh,
            "lignite" => _options.LigniteEurPerMwh,
            "oil" => _options.OilEurPerMwh,
            "uranium" or "nuclear" => _options.UraniumEurPerMwh,
            "wind" or "solar" or "hydro" or "none" => 0.0,
            _ => throw new ArgumentException($"Unknown fuel '{fuel}'.", nameof(fuel)),
        };
        if (string.Equals(key, "nuclear", StringComparison.Ordinal))
        {
            key = "uranium";
        }

        return basePrice * Multiplier(key, date);
    }

    /// <summary>The CO₂ allowance price on a date, €/t.</summary>
    public double Co2(DateOnly date) => _options.Co2EurPerTonne * Multiplier("co2", date);

    private double Multiplier(string fuel, DateOnly date)
    {
        var m = 1.0;
        foreach (var shock in _options.Shocks)
        {
            if (string.Equals(shock.Fuel, fuel, StringComparison.OrdinalIgnoreCase)
                || (string.Equals(fuel, "uranium", StringComparison.Ordinal) && string.Equals(shock.Fuel, "nuclear", StringComparison.OrdinalIgnoreCase)))
            {
                m *= shock.MultiplierOn(date);
            }
        }

        return m;
    }
}
