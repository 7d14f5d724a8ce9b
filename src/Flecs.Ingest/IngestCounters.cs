using System.Collections.Immutable;

namespace Flecs.Ingest;

/// <summary>A snapshot of what an <see cref="MqttIngest"/> has done since it was created.</summary>
/// <param name="Messages">MQTT messages received.</param>
/// <param name="IgnoredMessages">Messages that carry no counter by design (LWT, online flags, power, other components): not bad.</param>
/// <param name="Samples">Counter samples read from messages and given to a meter's accumulator.</param>
/// <param name="BadPayloads">Messages refused (unknown topic, or the parser's error), counted once per meter that reads the topic.</param>
/// <param name="ErrorsByCode">Every coded problem by code: refused messages, counter resets, out-of-order samples, gaps, readings dropped for an unregistered meter or a wrong key.</param>
/// <param name="IntervalsCompleted">Interval readings the accumulators completed.</param>
/// <param name="ReadingsSubmitted">Interval readings sent in submit-readings transactions (retries of a split transaction count again).</param>
/// <param name="ReadingsAccepted">Interval readings in accepted transactions.</param>
/// <param name="TransactionsAccepted">submit-readings transactions accepted.</param>
/// <param name="TransactionsRejected">submit-readings transactions refused at admission or rejected in their block.</param>
/// <param name="RejectionsByCode">Rejected transactions by rejection code.</param>
/// <param name="Connections">Successful connections to the broker (1 plus the reconnections).</param>
public sealed record IngestCounters(
    long Messages,
    long IgnoredMessages,
    long Samples,
    long BadPayloads,
    ImmutableSortedDictionary<string, long> ErrorsByCode,
    long IntervalsCompleted,
    long ReadingsSubmitted,
    long ReadingsAccepted,
    long TransactionsAccepted,
    long TransactionsRejected,
    ImmutableSortedDictionary<string, long> RejectionsByCode,
    long Connections)
{
    /// <summary>Every counter by a flat name (<c>error:&lt;code&gt;</c> and <c>rejected:&lt;code&gt;</c> for the coded ones), for an operator view.</summary>
    public IReadOnlyDictionary<string, long> Flatten()
    {
        var all = new SortedDictionary<string, long>(StringComparer.Ordinal)
        {
            ["messages"] = Messages,
            ["ignored"] = IgnoredMessages,
            ["samples"] = Samples,
            ["bad_payloads"] = BadPayloads,
            ["intervals_completed"] = IntervalsCompleted,
            ["readings_submitted"] = ReadingsSubmitted,
            ["readings_accepted"] = ReadingsAccepted,
            ["transactions_accepted"] = TransactionsAccepted,
            ["transactions_rejected"] = TransactionsRejected,
            ["connections"] = Connections,
        };
        foreach (var (code, count) in ErrorsByCode)
        {
            all["error:" + code] = count;
        }

        foreach (var (code, count) in RejectionsByCode)
        {
            all["rejected:" + code] = count;
        }

        return all;
    }
}
