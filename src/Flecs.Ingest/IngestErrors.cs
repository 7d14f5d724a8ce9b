namespace Flecs.Ingest;

/// <summary>The stable codes of everything the MQTT ingest refuses, ignores with a reason, or cannot submit (docs/mqtt-ingest.md#codes).</summary>
/// <remarks>
/// A code, once published, never changes meaning: the ingest's counters and log lines carry it. None of these stops
/// the ingest: a bad message is logged with its topic and code, counted, and the next message is handled as usual.
/// </remarks>
public static class IngestErrors
{
    /// <summary>The configuration file is not valid JSON, names an unknown property, or breaks a rule.</summary>
    public const string ConfigInvalid = "ingest.config.invalid";

    /// <summary>The configuration file or a key file it names cannot be read.</summary>
    public const string ConfigUnreadable = "ingest.config.unreadable";

    /// <summary>A key file is not the key the ledger has registered for a configured meter.</summary>
    public const string ConfigWrongKey = "ingest.config.wrong-key";

    /// <summary>A message arrived on a topic that no configured meter reads.</summary>
    public const string TopicUnknown = "ingest.topic.unknown";

    /// <summary>A payload that should be JSON is not (or is not a JSON object).</summary>
    public const string PayloadNotJson = "ingest.payload.not-json";

    /// <summary>A payload is larger than <see cref="Payloads.MeterPayloadFormat.MaxPayloadBytes"/>.</summary>
    public const string PayloadTooLarge = "ingest.payload.too-large";

    /// <summary>A payload on an energy topic carries no energy counter where the format puts it.</summary>
    public const string PayloadNoEnergy = "ingest.payload.no-energy";

    /// <summary>An energy counter is not a number, or is out of range.</summary>
    public const string PayloadBadNumber = "ingest.payload.bad-number";

    /// <summary>An energy counter is negative.</summary>
    public const string PayloadNegative = "ingest.payload.negative";

    /// <summary>A time in the payload is malformed, out of range, or does not exist in the configured time zone (a DST gap).</summary>
    public const string PayloadBadTime = "ingest.payload.bad-time";

    /// <summary>The handler failed on a message in a way no rule foresaw; the message is dropped and ingest goes on.</summary>
    public const string PayloadFault = "ingest.payload.fault";

    /// <summary>A cumulative counter went down: the device was reset or replaced. The sample becomes a new baseline.</summary>
    public const string CounterReset = "ingest.counter.reset";

    /// <summary>A sample is not newer than the last one of its counter (or has the same time and another value); it is ignored.</summary>
    public const string SampleOutOfOrder = "ingest.sample.out-of-order";

    /// <summary>Two samples of a counter are further apart than the configured maximum gap: the energy between them is not spread; the sample becomes a new baseline.</summary>
    public const string SampleGap = "ingest.sample.gap";

    /// <summary>Completed readings of a meter that is not registered on the ledger were dropped.</summary>
    public const string MeterUnregistered = "ingest.meter.unregistered";

    /// <summary>Completed readings of a meter whose registered signer is not the configured key were dropped.</summary>
    public const string MeterWrongKey = "ingest.meter.wrong-key";
}
