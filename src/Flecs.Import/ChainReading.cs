namespace Flecs.Import;

/// <summary>A meter's energy in one of the chain's delivery intervals.</summary>
/// <param name="IntervalIndex">The delivery interval's index: floor(Unix seconds / interval length in seconds).</param>
/// <param name="ImportMilliwattHours">Energy imported in the interval, in mWh.</param>
/// <param name="ExportMilliwattHours">Energy exported in the interval, in mWh.</param>
public readonly record struct ChainReading(long IntervalIndex, long ImportMilliwattHours, long ExportMilliwattHours);
