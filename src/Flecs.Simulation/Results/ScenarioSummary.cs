namespace Flecs.Simulation.Results;

/// <summary>What was simulated.</summary>
/// <param name="Name">The scenario's name.</param>
/// <param name="Seed">The random seed.</param>
/// <param name="Start">The first interval's start (UTC).</param>
/// <param name="Days">Simulated days.</param>
/// <param name="IntervalMinutes">Interval length.</param>
/// <param name="Prosumers">Households (active and passive).</param>
/// <param name="Players">Every registered player.</param>
/// <param name="Mechanism">The SPM clearing mechanism.</param>
/// <param name="RetailTariffEurPerKwh">The flat retail tariff of the baseline bill.</param>
/// <param name="WallSeconds">Wall time of the run.</param>
public sealed record ScenarioSummary(
    string Name,
    long Seed,
    DateTimeOffset Start,
    int Days,
    int IntervalMinutes,
    int Prosumers,
    int Players,
    string Mechanism,
    double RetailTariffEurPerKwh,
    double WallSeconds);
