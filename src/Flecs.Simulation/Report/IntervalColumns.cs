using Flecs.Simulation.Results;

namespace Flecs.Simulation.Report;

/// <summary>The columns of <c>intervals.csv</c> and <c>intervals.parquet</c>, in order: <c>start</c>, <c>mpm_price_eur_per_mwh</c>, <c>mpm_cleared</c>, <c>spm_price_eur_per_mwh</c> (empty/null when nothing cleared), then the energies (kWh).</summary>
internal static class IntervalColumns
{
    /// <summary>The start column (ISO-8601 UTC).</summary>
    public const string Start = "start";

    /// <summary>The MPM price column.</summary>
    public const string MpmPrice = "mpm_price_eur_per_mwh";

    /// <summary>The MPM cleared flag column.</summary>
    public const string MpmCleared = "mpm_cleared";

    /// <summary>The SPM price column (nullable).</summary>
    public const string SpmPrice = "spm_price_eur_per_mwh";

    /// <summary>The energy columns after the prices, with how to read each from a row.</summary>
    public static IReadOnlyList<(string Name, Func<IntervalFigures, double> Value)> Energies { get; } =
    [
        ("spm_volume_kwh", i => i.SpmVolume),
        ("load_kwh", i => i.Load),
        ("pv_kwh", i => i.Pv),
        ("self_consumption_kwh", i => i.SelfConsumption),
        ("p2p_kwh", i => i.P2p),
        ("grid_import_kwh", i => i.GridImport),
        ("grid_export_kwh", i => i.GridExport),
        ("battery_charge_kwh", i => i.BatteryCharge),
        ("battery_discharge_kwh", i => i.BatteryDischarge),
        ("ev_charging_kwh", i => i.EvCharging),
        ("heat_pump_kwh", i => i.HeatPump),
        ("generation_kwh", i => i.Generation),
    ];

    /// <summary>Every column name, in file order.</summary>
    public static IReadOnlyList<string> Names { get; } = [Start, MpmPrice, MpmCleared, SpmPrice, .. Energies.Select(e => e.Name)];
}
