namespace Flecs.Import;

/// <summary>A meter's cumulative energy registers at one instant, as a DSMR P1 telegram reports them.</summary>
/// <remarks>
/// Totals are whole microwatt-hours (µWh, 10⁻⁹ kWh), finer than the mWh of interval readings, so registers
/// written with more than three decimals of Wh (EasyMeter writes seven decimals of kWh) are kept exactly;
/// <see cref="DsmrTelegrams.ToSeries"/> states how they become whole-mWh interval energies.
/// </remarks>
/// <param name="MeterId">The equipment identifier (OBIS 0-0:96.1.1, or EasyMeter's 0-0:96.1.255) as the telegram gives it.</param>
/// <param name="TimestampUnixSeconds">
/// When the registers were read, since the Unix epoch (UTC): the telegram's 0-0:1.0.0, else the reception time
/// the caller gave, else null (such a snapshot cannot be placed in a series).
/// </param>
/// <param name="ImportTotalMicrowattHours">Total energy imported since the meter was installed, in µWh (all tariffs).</param>
/// <param name="ExportTotalMicrowattHours">Total energy exported since the meter was installed, in µWh (all tariffs).</param>
public readonly record struct RegisterSnapshot(string MeterId, long? TimestampUnixSeconds, long ImportTotalMicrowattHours, long ExportTotalMicrowattHours);
