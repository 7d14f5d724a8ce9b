using Flecs.Simulation.Results;

namespace Flecs.Simulation.Report;

/// <summary>The households of one scenario group.</summary>
/// <param name="Name">The group's name ("(named)" for players named in the scenario).</param>
/// <param name="Members">Its households.</param>
internal sealed record GroupFigures(string Name, IReadOnlyList<PlayerFigures> Members)
{
    /// <summary>Mean of <paramref name="value"/> over the members (0 without members).</summary>
    public double Mean(Func<PlayerFigures, double> value) => Members.Count > 0 ? Members.Average(value) : 0;

    /// <summary>Sum of <paramref name="value"/> over the members.</summary>
    public double Sum(Func<PlayerFigures, double> value) => Members.Sum(value);
}
