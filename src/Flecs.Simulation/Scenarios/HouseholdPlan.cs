using Flecs.Simulation.Assets;

namespace Flecs.Simulation.Scenarios;

/// <summary>One household with the sizes drawn for it.</summary>
/// <param name="Id">The player id (<c>group-001</c>).</param>
/// <param name="Index">Its position in the district's household list (its random stream).</param>
/// <param name="Group">Its group.</param>
/// <param name="Representative">The AggCo or TradCo of a passive household; null when active.</param>
/// <param name="Profile">The load profile.</param>
/// <param name="AnnualKwh">Annual consumption (appliances).</param>
/// <param name="Noise">Relative load noise.</param>
/// <param name="Pv">Its PV system, if any.</param>
/// <param name="Battery">Its battery, if any.</param>
/// <param name="Ev">Its EV, if any.</param>
/// <param name="HeatPump">Its heat pump, if any.</param>
/// <param name="Spm">How it trades in the SPM; null when it does not.</param>
public sealed record HouseholdPlan(
    string Id,
    int Index,
    string Group,
    string? Representative,
    string Profile,
    double AnnualKwh,
    double Noise,
    PvOptions? Pv,
    BatteryOptions? Battery,
    EvOptions? Ev,
    HeatPumpOptions? HeatPump,
    SpmGroup? Spm);
