namespace Flecs.Simulation.Scenarios;

/// <summary>The SA's settlement configuration, in human units (€/MWh for market prices, €/kWh for tariffs).</summary>
public sealed class MarketSettings
{
    /// <summary>The SPM mechanism: <c>pay-as-clear</c> or <c>pay-as-bid</c>.</summary>
    public string Mechanism { get; init; } = "pay-as-clear";

    /// <summary>The MPM price cap, €/MWh.</summary>
    public double PriceCap { get; init; } = 4_000;

    /// <summary>The MPM price when the merit order clears nothing, €/MWh.</summary>
    public double FallbackPrice { get; init; } = 150;

    /// <summary>The retailer's spread on P2G import, €/kWh.</summary>
    public double RetailSpread { get; init; } = 0.12;

    /// <summary>The retailer's spread on P2G feed-in (deducted), €/kWh.</summary>
    public double FeedInSpread { get; init; } = 0.02;

    /// <summary>Grid fees per connection level, €/kWh.</summary>
    public GridFeeSettings GridFees { get; init; } = new();

    /// <summary>The flat retail tariff of the baseline bill (everything bought from a retailer), €/kWh.</summary>
    public double RetailTariff { get; init; } = 0.35;

    /// <summary>Billing period in days; 0 = calendar months; null = the run's length (one invoice per player at the end).</summary>
    public int? BillingDays { get; init; }

    /// <summary>How long a late reading may replace an estimate, hours.</summary>
    public int LateWindowHours { get; init; } = 24;
}
