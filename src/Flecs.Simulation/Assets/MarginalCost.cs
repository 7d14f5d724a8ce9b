namespace Flecs.Simulation.Assets;

/// <summary>
/// Short-run marginal cost of a plant: <c>(fuel price + emission factor × CO₂ price) ÷ efficiency + variable O&amp;M</c>,
/// in € per MWh electric.
/// </summary>
public static class MarginalCost
{
    /// <summary>The marginal cost on a date (€/MWh).</summary>
    public static double EurPerMwh(GeneratorOptions generator, FuelPrices prices, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(prices);
        var defaults = generator.Defaults;
        var efficiency = generator.EffectiveEfficiency;
        if (efficiency <= 0)
        {
            throw new ArgumentException($"Generator '{generator.Id}' has a non-positive efficiency.", nameof(generator));
        }

        var fuel = prices.Price(defaults.Fuel, date);
        var carbon = generator.EffectiveEmissionTonnesPerMwhTh * prices.Co2(date);
        return ((fuel + carbon) / efficiency) + generator.EffectiveVariableCostEurPerMwh;
    }

    /// <summary>The CO₂ intensity of the plant's output (t per MWh electric).</summary>
    public static double TonnesCo2PerMwh(GeneratorOptions generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        return generator.EffectiveEmissionTonnesPerMwhTh / generator.EffectiveEfficiency;
    }
}
