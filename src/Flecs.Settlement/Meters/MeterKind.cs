namespace Flecs.Settlement.Meters;

/// <summary>What a meter measures. Persisted: never renumber.</summary>
public enum MeterKind
{
    /// <summary>Energy taken from the grid only (export must be zero).</summary>
    Consumption = 1,

    /// <summary>Energy fed into the grid only (import must be zero).</summary>
    Production = 2,

    /// <summary>Both directions (a prosumer's connection).</summary>
    Bidirectional = 3,
}
