namespace Flecs.Simulation.Results;

/// <summary>Everything a finished simulation hands to the report and the exports: read back from the ledger (prices, contract and P2G lines, invoices) and from the agents (gross load, PV, battery and EV figures, which no meter sees).</summary>
/// <param name="Scenario">What was simulated.</param>
/// <param name="Intervals">One row per settled interval, in time order.</param>
/// <param name="Players">One row per player with a meter or a bill, ordered by id.</param>
/// <param name="Contracts">One row per contract, ordered by id.</param>
/// <param name="Ledger">The ledger after the run.</param>
public sealed record SimulationResult(
    ScenarioSummary Scenario,
    IReadOnlyList<IntervalFigures> Intervals,
    IReadOnlyList<PlayerFigures> Players,
    IReadOnlyList<ContractFigures> Contracts,
    LedgerFigures Ledger);
