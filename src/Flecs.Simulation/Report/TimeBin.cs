namespace Flecs.Simulation.Report;

/// <summary>Intervals aggregated into one plotting bin (an hour or a day): prices are means, energies are sums (kWh).</summary>
/// <param name="Start">The bin's start (UTC).</param>
/// <param name="Mpm">Mean MPM price (€/MWh).</param>
/// <param name="Spm">Mean SPM price over the intervals that cleared (€/MWh), NaN when none did.</param>
/// <param name="Load">Household load.</param>
/// <param name="Pv">PV generation.</param>
/// <param name="SelfConsumption">PV used behind the meter.</param>
/// <param name="P2p">Energy delivered under contracts.</param>
/// <param name="GridImport">Energy taken from the grid.</param>
/// <param name="GridExport">Energy fed into the grid.</param>
internal readonly record struct TimeBin(
    DateTime Start,
    double Mpm,
    double Spm,
    double Load,
    double Pv,
    double SelfConsumption,
    double P2p,
    double GridImport,
    double GridExport);
