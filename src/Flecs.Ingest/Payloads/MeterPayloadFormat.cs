using System.Text.Json;
using Flecs.Core.Results;

namespace Flecs.Ingest.Payloads;

/// <summary>
/// How one configured meter's device publishes its energy counters: which topics to subscribe and how to turn a
/// message on them into a <see cref="CounterSample"/> (docs/mqtt-ingest.md#formats).
/// </summary>
/// <remarks>
/// <see cref="Parse"/> never throws for any topic or payload. It returns a sample; null for a message that carries no
/// counter by design (a Tasmota LWT, a Shelly <c>online</c> flag, power or voltage, a notification about another
/// component), which is ignored and not counted as bad; or a coded <see cref="Error"/>.
/// </remarks>
public abstract class MeterPayloadFormat
{
    /// <summary>Tasmota energy monitoring: <c>tele/&lt;topic&gt;/SENSOR</c> with an <c>ENERGY</c> object in kWh.</summary>
    public const string Tasmota = "tasmota";

    /// <summary>Tasmota's Smart Meter Interface (SML/OBIS through an IR head): configurable keys in kWh.</summary>
    public const string TasmotaSml = "tasmota-sml";

    /// <summary>Shelly Gen2+ (Pro 3EM, Pro EM, EM Gen3): <c>status/emdata:N</c> or <c>status/em1data:N</c> in Wh, and <c>events/rpc</c> NotifyStatus.</summary>
    public const string ShellyGen2 = "shelly-gen2";

    /// <summary>Shelly Gen1 (3EM, EM): <c>shellies/&lt;id&gt;/emeter/&lt;i&gt;/total</c> and <c>…/total_returned</c>, plain numbers in Wh.</summary>
    public const string ShellyGen1 = "shelly-gen1";

    /// <summary>The largest payload read; larger ones are <see cref="IngestErrors.PayloadTooLarge"/>.</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    /// <summary>The format names a configuration may use.</summary>
    public static IReadOnlyList<string> Names { get; } = [Tasmota, TasmotaSml, ShellyGen2, ShellyGen1];

    /// <summary>Creates a format for one meter.</summary>
    /// <param name="topic">The configured topic (see <see cref="Topic"/>).</param>
    private protected MeterPayloadFormat(string topic) => Topic = topic;

    /// <summary>The format's name, one of <see cref="Names"/>.</summary>
    public abstract string Name { get; }

    /// <summary>
    /// The configured topic: the <c>SENSOR</c> topic for Tasmota, the <c>status/emdata:N</c> or
    /// <c>status/em1data:N</c> topic for Shelly Gen2, the <c>…/emeter/&lt;i&gt;</c> prefix for Shelly Gen1.
    /// </summary>
    public string Topic { get; }

    /// <summary>The exact topics to subscribe to (no wildcards).</summary>
    public abstract IReadOnlyList<string> Subscriptions { get; }

    /// <summary>Creates the format named <paramref name="format"/> for a meter read on <paramref name="topic"/>.</summary>
    /// <param name="format">One of <see cref="Names"/>.</param>
    /// <param name="topic">The configured topic.</param>
    /// <param name="timeZone">The zone of Tasmota's local <c>Time</c>.</param>
    /// <param name="importKey">Tasmota SML: the key of the import total (kWh); null for the default <c>Total_in</c>.</param>
    /// <param name="exportKey">Tasmota SML: the key of the export total (kWh); null for the default <c>Total_out</c>.</param>
    /// <returns>The format, or <see cref="IngestErrors.ConfigInvalid"/> naming what is wrong.</returns>
    public static Result<MeterPayloadFormat> Create(string format, string topic, TimeZoneInfo timeZone, string? importKey = null, string? exportKey = null)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        if (string.IsNullOrEmpty(topic) || topic.Contains('+', StringComparison.Ordinal) || topic.Contains('#', StringComparison.Ordinal)
            || topic.StartsWith('/') || topic.EndsWith('/') || topic.Contains('\0', StringComparison.Ordinal))
        {
            return Result<MeterPayloadFormat>.Fail(IngestErrors.ConfigInvalid, $"topic '{topic}' must be an exact MQTT topic: not empty, no wildcards (+, #), no leading or trailing '/'.");
        }

        if ((importKey is not null || exportKey is not null) && !string.Equals(format, TasmotaSml, StringComparison.Ordinal))
        {
            return Result<MeterPayloadFormat>.Fail(IngestErrors.ConfigInvalid, $"importKey and exportKey apply only to the format '{TasmotaSml}', not '{format}'.");
        }

        switch (format)
        {
            case Tasmota:
                return new TasmotaFormat(topic, timeZone);
            case TasmotaSml:
                return importKey is { Length: 0 } || exportKey is { Length: 0 }
                    ? Result<MeterPayloadFormat>.Fail(IngestErrors.ConfigInvalid, "importKey and exportKey must not be empty.")
                    : new TasmotaSmlFormat(topic, timeZone, importKey ?? TasmotaSmlFormat.DefaultImportKey, exportKey ?? TasmotaSmlFormat.DefaultExportKey);
            case ShellyGen2:
                return ShellyGen2Format.Create(topic);
            case ShellyGen1:
                return new ShellyGen1Format(topic);
            default:
                return Result<MeterPayloadFormat>.Fail(IngestErrors.ConfigInvalid, $"format '{format}' is not one of {string.Join(", ", Names)}.");
        }
    }

    /// <summary>Turns one message into a sample, null (nothing to read, not an error), or a coded error.</summary>
    /// <param name="topic">The topic it arrived on.</param>
    /// <param name="payload">The payload bytes.</param>
    public Result<CounterSample?> Parse(string topic, ReadOnlyMemory<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (payload.Length > MaxPayloadBytes)
        {
            return Result<CounterSample?>.Fail(IngestErrors.PayloadTooLarge, $"The payload has {payload.Length} bytes; at most {MaxPayloadBytes} are read.");
        }

        return ParseCore(topic, payload);
    }

    /// <summary>The format's rules; <paramref name="payload"/> is within the size limit.</summary>
    private protected abstract Result<CounterSample?> ParseCore(string topic, ReadOnlyMemory<byte> payload);

    /// <summary>A message that carries no counter: ignored, not counted as bad.</summary>
    private protected static Result<CounterSample?> Ignored => Result<CounterSample?>.Ok(null);

    /// <summary>The error for a topic this meter does not read.</summary>
    private protected Result<CounterSample?> UnknownTopic(string topic) =>
        Result<CounterSample?>.Fail(IngestErrors.TopicUnknown, $"Topic '{topic}' is not one that the {Name} meter on '{Topic}' publishes.");

    /// <summary>Parses a payload as a JSON object.</summary>
    private protected static Result<JsonDocument> ParseObject(ReadOnlyMemory<byte> payload)
    {
        try
        {
            var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                return document;
            }

            var kind = document.RootElement.ValueKind;
            document.Dispose();
            return Result<JsonDocument>.Fail(IngestErrors.PayloadNotJson, $"The payload is a JSON {kind.ToString().ToLowerInvariant()}, not an object.");
        }
        catch (JsonException ex)
        {
            return Result<JsonDocument>.Fail(IngestErrors.PayloadNotJson, $"The payload is not JSON: {ex.Message}");
        }
    }

    /// <summary>The last level of a topic (<c>SENSOR</c>, <c>LWT</c>, <c>online</c>).</summary>
    private protected static string LastLevel(string topic) => topic[(topic.LastIndexOf('/') + 1)..];

    /// <summary>The topic without its last level.</summary>
    private protected static string Parent(string topic) => topic.LastIndexOf('/') is var i and >= 0 ? topic[..i] : string.Empty;
}
