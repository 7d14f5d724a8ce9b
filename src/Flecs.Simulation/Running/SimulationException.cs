using Flecs.Core.Results;

namespace Flecs.Simulation.Running;

/// <summary>A run that cannot go on (a transaction the scenario needs was refused); carries the coded error.</summary>
public sealed class SimulationException : Exception
{
    /// <summary>A run stopped for no stated reason.</summary>
    public SimulationException()
    {
        Error = new Error(Scenarios.ScenarioErrors.Refused, "The simulation stopped.");
    }

    /// <summary>A run stopped for <paramref name="message"/>.</summary>
    public SimulationException(string message)
        : base(message)
    {
        Error = new Error(Scenarios.ScenarioErrors.Refused, message);
    }

    /// <summary>A run stopped for <paramref name="message"/> after <paramref name="innerException"/>.</summary>
    public SimulationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = new Error(Scenarios.ScenarioErrors.Refused, message);
    }

    /// <summary>A run stopped with a coded error.</summary>
    public SimulationException(Error error)
        : base(error?.Message)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
    }

    /// <summary>The coded error.</summary>
    public Error Error { get; }
}
