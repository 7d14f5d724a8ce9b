namespace Flecs.Import;

/// <summary>One measured interval of one meter: energy imported and exported during [start, start + duration).</summary>
/// <remarks>
/// Import is energy delivered to the meter's site from the grid, export is energy the site fed into the
/// grid; both are whole milliwatt-hours (ADR 0002) and never negative. A direction the source file does
/// not report is 0.
/// </remarks>
/// <param name="StartUnixSeconds">The first second of the interval, since the Unix epoch (UTC).</param>
/// <param name="DurationSeconds">The interval's length in seconds; positive.</param>
/// <param name="ImportMilliwattHours">Energy imported during the interval, in mWh.</param>
/// <param name="ExportMilliwattHours">Energy exported during the interval, in mWh.</param>
public readonly record struct ImportedInterval(long StartUnixSeconds, long DurationSeconds, long ImportMilliwattHours, long ExportMilliwattHours)
{
    /// <summary>The first second after the interval, since the Unix epoch (UTC).</summary>
    public long EndUnixSeconds => checked(StartUnixSeconds + DurationSeconds);
}
