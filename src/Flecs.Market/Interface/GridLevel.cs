namespace Flecs.Market.Interface;

/// <summary>The voltage level a player is connected at; grid fees are set per level.</summary>
/// <remarks>The numeric values are persisted; never renumber them.</remarks>
public enum GridLevel
{
    /// <summary>The transmission grid (extra-high and high voltage): large generators and industry.</summary>
    Transmission = 1,

    /// <summary>The medium-voltage distribution grid: firms, aggregator-run sites, charging hubs.</summary>
    MediumVoltage = 2,

    /// <summary>The low-voltage distribution grid: households and small prosumers.</summary>
    LowVoltage = 3,
}
