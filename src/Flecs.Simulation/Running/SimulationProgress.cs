namespace Flecs.Simulation.Running;

/// <summary>How far a run is.</summary>
/// <param name="Intervals">Intervals settled so far.</param>
/// <param name="Total">Intervals to settle.</param>
/// <param name="SimulatedTime">The simulated clock.</param>
/// <param name="Phase">What the run is doing (set-up, settling, verifying).</param>
public sealed record SimulationProgress(long Intervals, long Total, DateTimeOffset SimulatedTime, string Phase);
