namespace Flecs.Simulation.Scenarios;

/// <summary>Grid fees per connection level.</summary>
public sealed class GridFeeSettings
{
    /// <summary>Transmission level.</summary>
    public LevelFee Transmission { get; init; } = new() { Withdrawal = 0.01, Injection = 0.001 };

    /// <summary>Medium voltage.</summary>
    public LevelFee MediumVoltage { get; init; } = new() { Withdrawal = 0.03, Injection = 0.0005 };

    /// <summary>Low voltage (households).</summary>
    public LevelFee LowVoltage { get; init; } = new() { Withdrawal = 0.09, Injection = 0 };
}
