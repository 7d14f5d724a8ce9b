namespace Flecs.Simulation.Results;

/// <summary>
/// One settled interval of the district: its households and businesses (the GenCos' own flows are only in
/// <see cref="Generation"/>). Energies in kWh over the interval, prices in €/MWh.
/// </summary>
/// <param name="Start">The interval's start (UTC).</param>
/// <param name="MpmPrice">The MPM merit-order price (or the fallback).</param>
/// <param name="MpmCleared">Whether the merit order set the price.</param>
/// <param name="SpmPrice">The SPM clearing price, or null when nothing cleared (always under pay-as-bid).</param>
/// <param name="SpmVolume">Energy cleared in the SPM.</param>
/// <param name="Load">Gross consumption of the households (appliances, EV charging, heat pumps) and businesses.</param>
/// <param name="Pv">PV generation of the households.</param>
/// <param name="SelfConsumption">PV used behind the households' meters (directly or through their batteries).</param>
/// <param name="P2p">Energy the households and businesses received under P2P, PPA and retail contracts (contract allocations).</param>
/// <param name="GridImport">P2G energy the households and businesses took from the grid (positive residuals; a late reading's correction of an estimated interval counts in the interval whose close settled it).</param>
/// <param name="GridExport">P2G energy they fed into the grid (negative residuals, as a positive number).</param>
/// <param name="BatteryCharge">Energy into household batteries.</param>
/// <param name="BatteryDischarge">Energy out of household batteries.</param>
/// <param name="EvCharging">EV charging energy.</param>
/// <param name="HeatPump">Heat-pump electricity.</param>
/// <param name="Generation">GenCo output dispatched in the MPM.</param>
public sealed record IntervalFigures(
    DateTimeOffset Start,
    double MpmPrice,
    bool MpmCleared,
    double? SpmPrice,
    double SpmVolume,
    double Load,
    double Pv,
    double SelfConsumption,
    double P2p,
    double GridImport,
    double GridExport,
    double BatteryCharge,
    double BatteryDischarge,
    double EvCharging,
    double HeatPump,
    double Generation);
