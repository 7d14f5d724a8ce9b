using Flecs.Simulation.Assets;

namespace Flecs.Simulation.Scenarios;

/// <summary>
/// A scenario file (docs/scenarios.md): where and when, the district's households and businesses with their assets,
/// the generators of the central market with their fuel prices, the contracts between the players, the market rules,
/// faults to inject, and the random seed. YAML, camelCase keys; unknown keys are errors.
/// </summary>
public sealed record Scenario
{
    /// <summary>The scenario's name (report title, chain id suffix).</summary>
    public string Name { get; init; } = "district";

    /// <summary>One paragraph shown at the top of the report.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>The random seed: the same scenario and seed give the same ledger, byte for byte.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>The first simulated day (UTC midnight).</summary>
    public DateOnly Start { get; init; } = new(2022, 6, 13);

    /// <summary>Simulated days.</summary>
    public int Days { get; init; } = 7;

    /// <summary>The delivery interval: 1, 5, 15 or 60 minutes.</summary>
    public int IntervalMinutes { get; init; } = 1;

    /// <summary>The district's location (solar geometry, climate).</summary>
    public LocationSettings Location { get; init; } = new();

    /// <summary>Weather model parameters.</summary>
    public WeatherOptions Weather { get; init; } = new();

    /// <summary>Wind model parameters (the wind farms' hub-height wind).</summary>
    public WindOptions Wind { get; init; } = new();

    /// <summary>The market and P2G rules set by the SA.</summary>
    public MarketSettings Market { get; init; } = new();

    /// <summary>Fuel and CO2 prices, with shocks.</summary>
    public FuelOptions Fuel { get; init; } = new();

    /// <summary>The System Operator's demand in the MPM.</summary>
    public DemandSettings Demand { get; init; } = new();

    /// <summary>The GenCos: dispatchable ones offer in the MPM at marginal cost; wind, solar and hydro also have meters.</summary>
    public IReadOnlyList<GeneratorOptions> Generators { get; init; } = [];

    /// <summary>Household groups.</summary>
    public IReadOnlyList<HouseholdGroup> Households { get; init; } = [];

    /// <summary>Businesses: commercial or industrial consumers and demand-response providers.</summary>
    public IReadOnlyList<BusinessSpec> Businesses { get; init; } = [];

    /// <summary>Contracts between the players, each over the whole run.</summary>
    public IReadOnlyList<ContractSpec> Contracts { get; init; } = [];

    /// <summary>Faults to inject (gateway outages, bad readings).</summary>
    public FaultSettings Faults { get; init; } = new();
}
