namespace Flecs.Simulation.Results;

/// <summary>One contract's outcome over the run, from its journal lines.</summary>
/// <param name="Id">The contract id (hex).</param>
/// <param name="Template">The template name (p2p-fixed, virtual-ppa, …).</param>
/// <param name="Parties">"role=player" pairs, comma-separated.</param>
/// <param name="Energy">Energy delivered to the receiving party (kWh).</param>
/// <param name="Money">Money paid by the paying party (€).</param>
/// <param name="Certificates">Certificates transferred.</param>
/// <param name="Failures">Intervals in which the contract failed (code counted once per interval).</param>
/// <param name="Status">"live", "expired" or "terminated" at the end.</param>
public sealed record ContractFigures(
    string Id,
    string Template,
    string Parties,
    double Energy,
    double Money,
    long Certificates,
    int Failures,
    string Status);
