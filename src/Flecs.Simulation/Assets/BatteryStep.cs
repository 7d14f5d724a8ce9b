namespace Flecs.Simulation.Assets;

/// <summary>The outcome of one battery interval (mean powers over the interval, W).</summary>
/// <param name="GridW">The household's net grid exchange after the battery: + import, − export.</param>
/// <param name="ChargeW">The AC power into the battery (≥ 0).</param>
/// <param name="DischargeW">The AC power out of the battery (≥ 0).</param>
public readonly record struct BatteryStep(double GridW, double ChargeW, double DischargeW);
