namespace Flecs.Simulation.Scenarios;

/// <summary>The System Operator's price-inelastic MPM demand: a daily shape between a night base and an evening peak, lower at weekends.</summary>
public sealed class DemandSettings
{
    /// <summary>Night demand, MW.</summary>
    public double BaseMw { get; init; } = 45;

    /// <summary>Evening peak demand, MW.</summary>
    public double PeakMw { get; init; } = 95;

    /// <summary>Weekend demand as a share of a workday's.</summary>
    public double WeekendFactor { get; init; } = 0.85;
}
