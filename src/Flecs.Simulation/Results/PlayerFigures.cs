namespace Flecs.Simulation.Results;

/// <summary>One player over the whole run. Energies in kWh, money in € (positive = the player received).</summary>
/// <param name="Id">The player id.</param>
/// <param name="Role">Its role (prosumer, aggco, tradco, genco, …).</param>
/// <param name="Group">The scenario group it came from ("" for named players).</param>
/// <param name="Mode">"active" or "passive".</param>
/// <param name="Load">Gross consumption.</param>
/// <param name="Pv">PV generation.</param>
/// <param name="Import">Metered import.</param>
/// <param name="Export">Metered export.</param>
/// <param name="SelfConsumption">PV used behind the meter.</param>
/// <param name="SelfSufficiency">Share of the load met by own PV (0–1), or 0 without load.</param>
/// <param name="Bill">The net of the player's invoices: negative is what it paid.</param>
/// <param name="Baseline">What the player would have paid buying its whole load at the retail tariff (a negative number, 0 without load).</param>
/// <param name="Certificates">Green certificates received (negative: issued to others / sold).</param>
public sealed record PlayerFigures(
    string Id,
    string Role,
    string Group,
    string Mode,
    double Load,
    double Pv,
    double Import,
    double Export,
    double SelfConsumption,
    double SelfSufficiency,
    double Bill,
    double Baseline,
    long Certificates);
