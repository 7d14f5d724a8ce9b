namespace Flecs.Simulation.Assets;

/// <summary>One real residential charging session.</summary>
/// <param name="UserId">The pseudonymous user.</param>
/// <param name="PlugInLocal">Plug-in, local time (Norway, CET/CEST).</param>
/// <param name="PlugOutLocal">Plug-out, local time.</param>
/// <param name="Kwh">The energy charged.</param>
public readonly record struct EvSession(string UserId, DateTime PlugInLocal, DateTime PlugOutLocal, double Kwh)
{
    /// <summary>The plugged-in duration in hours.</summary>
    public double DurationHours => (PlugOutLocal - PlugInLocal).TotalHours;
}
