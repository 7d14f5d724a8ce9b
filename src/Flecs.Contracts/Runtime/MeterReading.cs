namespace Flecs.Contracts.Runtime;

/// <summary>One interval's metered values of a party's meter (mWh).</summary>
/// <param name="Import">Energy taken from the grid in the interval, mWh ≥ 0.</param>
/// <param name="Export">Energy fed into the grid in the interval, mWh ≥ 0.</param>
/// <param name="Renewable">True when the meter measures a renewable source.</param>
public readonly record struct MeterReading(long Import, long Export, bool Renewable);
