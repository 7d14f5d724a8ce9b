namespace Flecs.Simulation.Running;

/// <summary>A player's physical totals, kWh.</summary>
/// <param name="Load">Gross consumption.</param>
/// <param name="Pv">PV generation.</param>
/// <param name="Import">Metered import.</param>
/// <param name="Export">Metered export.</param>
internal readonly record struct PlayerTotals(double Load, double Pv, double Import, double Export)
{
    public static PlayerTotals operator +(PlayerTotals a, PlayerTotals b) => new(a.Load + b.Load, a.Pv + b.Pv, a.Import + b.Import, a.Export + b.Export);
}
