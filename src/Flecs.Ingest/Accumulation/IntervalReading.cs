namespace Flecs.Ingest.Accumulation;

/// <summary>The energy a meter measured in one chain interval, derived from its counters.</summary>
/// <param name="Interval">The interval index since the Unix epoch in the chain's interval length.</param>
/// <param name="ImportMilliwattHours">Energy taken from the grid in the interval, mWh (≥ 0).</param>
/// <param name="ExportMilliwattHours">Energy fed into the grid in the interval, mWh (≥ 0).</param>
public readonly record struct IntervalReading(long Interval, long ImportMilliwattHours, long ExportMilliwattHours);
