using Flecs.Crypto.Signatures;
using Flecs.Ingest.Accumulation;
using Flecs.Ingest.Payloads;
using Flecs.Settlement.Meters;

namespace Flecs.Ingest;

/// <summary>One configured meter inside <see cref="MqttIngest"/>: its format, its signing key, its accumulator and its completed readings waiting to be submitted.</summary>
/// <remarks>Guarded by the ingest's lock.</remarks>
internal sealed class MeterSource(string meter, MeterPayloadFormat format, Ed25519Signer key)
{
    public string Meter { get; } = meter;

    public MeterPayloadFormat Format { get; } = format;

    public Ed25519Signer Key { get; } = key;

    /// <summary>Created at the first sample, with the meter's registered first interval as the ledger has it then.</summary>
    public IntervalAccumulator? Accumulator { get; set; }

    /// <summary>Completed intervals not submitted yet, by interval.</summary>
    public SortedDictionary<long, MeterReadingValue> Completed { get; } = [];
}
