using System.Text.Json;
using Flecs.Core.Results;

namespace Flecs.Ingest.Payloads;

/// <summary>
/// Shelly Gen2+ energy meters. The configured topic is <c>&lt;prefix&gt;/status/emdata:N</c> (Pro 3EM: <c>total_act</c>
/// and <c>total_act_ret</c>, the three phases' import and export counters in Wh) or <c>&lt;prefix&gt;/status/em1data:N</c>
/// (Pro EM, EM Gen3: <c>total_act_energy</c> and <c>total_act_ret_energy</c> in Wh). Status messages carry no time (the
/// receive time is used). The same component in a <c>NotifyStatus</c> or <c>NotifyFullStatus</c> on
/// <c>&lt;prefix&gt;/events/rpc</c> is read too, at <c>params.ts</c>.
/// </summary>
/// <remarks>
/// Ignored: <c>&lt;prefix&gt;/online</c>, the status of other components (<c>em:0</c>: power, voltage), other RPC
/// methods, and notifications that do not mention the component.
/// </remarks>
internal sealed class ShellyGen2Format : MeterPayloadFormat
{
    private readonly string _prefix;
    private readonly string _component;
    private readonly string _importKey;
    private readonly string _exportKey;

    private ShellyGen2Format(string topic, string prefix, string component, bool singlePhase)
        : base(topic)
    {
        _prefix = prefix;
        _component = component;
        (_importKey, _exportKey) = singlePhase ? ("total_act_energy", "total_act_ret_energy") : ("total_act", "total_act_ret");
    }

    /// <inheritdoc/>
    public override string Name => ShellyGen2;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Subscriptions => [Topic, _prefix + "/events/rpc"];

    /// <summary>Checks the topic's shape: <c>&lt;prefix&gt;/status/emdata:N</c> or <c>&lt;prefix&gt;/status/em1data:N</c>.</summary>
    public static Result<MeterPayloadFormat> Create(string topic)
    {
        var component = LastLevel(topic);
        var status = Parent(topic);
        var colon = component.IndexOf(':', StringComparison.Ordinal);
        var kind = colon < 0 ? component : component[..colon];
        var id = colon < 0 ? string.Empty : component[(colon + 1)..];
        if (!status.EndsWith("/status", StringComparison.Ordinal) || status.Length == "/status".Length
            || kind is not ("emdata" or "em1data") || id.Length is 0 or > 3 || !id.All(char.IsAsciiDigit))
        {
            return Result<MeterPayloadFormat>.Fail(IngestErrors.ConfigInvalid, $"topic '{topic}' of a {ShellyGen2} meter must be <prefix>/status/emdata:<n> or <prefix>/status/em1data:<n>.");
        }

        return new ShellyGen2Format(topic, status[..^"/status".Length], component, string.Equals(kind, "em1data", StringComparison.Ordinal));
    }

    /// <inheritdoc/>
    private protected override Result<CounterSample?> ParseCore(string topic, ReadOnlyMemory<byte> payload)
    {
        var isStatus = string.Equals(topic, Topic, StringComparison.Ordinal);
        var isRpc = !isStatus && string.Equals(topic, _prefix + "/events/rpc", StringComparison.Ordinal);
        if (!isStatus && !isRpc)
        {
            return string.Equals(topic, _prefix + "/online", StringComparison.Ordinal) || string.Equals(Parent(topic), _prefix + "/status", StringComparison.Ordinal)
                ? Ignored
                : UnknownTopic(topic);
        }

        var parsed = ParseObject(payload);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        using var document = parsed.Value;
        var root = document.RootElement;
        if (isStatus)
        {
            return Read(root, _component, null);
        }

        if (!root.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String
            || method.GetString() is not ("NotifyStatus" or "NotifyFullStatus"))
        {
            return Ignored;
        }

        if (!root.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
        {
            return Result<CounterSample?>.Fail(IngestErrors.PayloadNoEnergy, $"The {method.GetString()} has no 'params' object.");
        }

        if (!parameters.TryGetProperty(_component, out var status))
        {
            return Ignored;
        }

        DateTimeOffset? time = null;
        if (parameters.TryGetProperty("ts", out var ts))
        {
            var parsedTime = EnergyNumber.ParseUnixSeconds(ts, "params.ts");
            if (!parsedTime.IsSuccess)
            {
                return parsedTime.Error;
            }

            time = parsedTime.Value;
        }

        return status.ValueKind == JsonValueKind.Object
            ? Read(status, "params." + _component, time)
            : Result<CounterSample?>.Fail(IngestErrors.PayloadNoEnergy, $"'params.{_component}' is not an object.");
    }

    private Result<CounterSample?> Read(JsonElement status, string name, DateTimeOffset? time)
    {
        if (!status.TryGetProperty(_importKey, out var importElement))
        {
            return Result<CounterSample?>.Fail(IngestErrors.PayloadNoEnergy, $"'{name}' has no '{_importKey}' (the import total in Wh).");
        }

        var import = EnergyNumber.Read(importElement, EnergyNumber.PerWattHour, $"{name}.{_importKey}");
        if (!import.IsSuccess)
        {
            return import.Error;
        }

        if (!status.TryGetProperty(_exportKey, out var exportElement))
        {
            return new CounterSample(time, import.Value, null);
        }

        var export = EnergyNumber.Read(exportElement, EnergyNumber.PerWattHour, $"{name}.{_exportKey}");
        return export.IsSuccess ? new CounterSample(time, import.Value, export.Value) : export.Error;
    }
}
