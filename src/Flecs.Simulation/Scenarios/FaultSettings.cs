namespace Flecs.Simulation.Scenarios;

/// <summary>Faults the simulation injects, to show the pipeline's VEE and corrections.</summary>
public sealed class FaultSettings
{
    /// <summary>Probability that a meter's hourly batch arrives an hour late (estimated at the close, corrected by the next close).</summary>
    public double GatewayOutageRate { get; init; } = 0.001;

    /// <summary>How many implausible readings (above the connection limit) gateways send; each is rejected with its code.</summary>
    public int BadReadings { get; init; } = 3;
}
