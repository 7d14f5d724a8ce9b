namespace Flecs.Simulation.Scenarios;

/// <summary>How a group's households trade in the SPM: each day at noon, orders for the next day's hours.</summary>
public sealed class SpmGroup
{
    /// <summary>Share of the group's households that trade (0–1). Households with an energy contract do not.</summary>
    public double Share { get; init; }

    /// <summary>Limit price of sell orders (expected PV surplus), €/kWh.</summary>
    public double SellPrice { get; init; } = 0.08;

    /// <summary>Limit price of buy orders (expected deficit), €/kWh.</summary>
    public double BuyPrice { get; init; } = 0.24;

    /// <summary>Share of the expected hourly surplus or deficit offered (0–1): forecasts are uncertain.</summary>
    public double Hedge { get; init; } = 0.6;
}
