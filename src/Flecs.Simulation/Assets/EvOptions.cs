namespace Flecs.Simulation.Assets;

/// <summary>A household's electric vehicle and wallbox.</summary>
public sealed class EvOptions
{
    /// <summary>The wallbox power (kW); 7.4 kW is a single-phase 32 A box, 11 kW a three-phase 16 A box.</summary>
    public double ChargerKw { get; init; } = 7.4;

    /// <summary>Plug-in sessions per day; null uses the Trondheim data's rate (≈ 0.44 sessions per user per day).</summary>
    public double? SessionsPerDay { get; init; }

    /// <summary>The longest a session charges (hours); longer charges are cut (they would need a second day of look-back).</summary>
    public double MaxChargeHours { get; init; } = 20;
}
