namespace Flecs.Ingest.Payloads;

/// <summary>A device's cumulative energy counters at one instant, converted to whole milliwatt-hours (ADR 0002).</summary>
/// <remarks>
/// A counter the message does not carry is null: Shelly Gen1 sends import and export as separate messages, and a
/// Tasmota plug without a return counter never sends export. Counters only go up; a decrease is a reset
/// (<see cref="IngestErrors.CounterReset"/>).
/// </remarks>
/// <param name="Time">When the device read the counters; null when the message carries no time (the ingest then uses the receive time).</param>
/// <param name="ImportMilliwattHours">Energy taken from the grid since the counter started, in mWh; null when absent.</param>
/// <param name="ExportMilliwattHours">Energy fed into the grid since the counter started, in mWh; null when absent.</param>
public readonly record struct CounterSample(DateTimeOffset? Time, long? ImportMilliwattHours, long? ExportMilliwattHours);
