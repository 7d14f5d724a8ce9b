using System.Text.Json;
using Flecs.Core.Results;

namespace Flecs.Ingest.Payloads;

/// <summary>
/// What Tasmota's energy formats share: the meter publishes <c>SENSOR</c> messages on its configured topic (other
/// messages of the device, the same topic with another last level, are ignored), whose optional top-level <c>Time</c>
/// is local time in the configured zone, and one object of which holds the import and optional export totals in kWh.
/// </summary>
/// <param name="topic">The <c>SENSOR</c> topic.</param>
/// <param name="timeZone">The zone of <c>Time</c>.</param>
/// <param name="importKey">The import total's key in the energy object.</param>
/// <param name="exportKeys">The export total's keys, in order of preference.</param>
internal abstract class TasmotaSensorFormat(string topic, TimeZoneInfo timeZone, string importKey, IReadOnlyList<string> exportKeys) : MeterPayloadFormat(topic)
{
    /// <inheritdoc/>
    public sealed override IReadOnlyList<string> Subscriptions => [Topic];

    /// <summary>The import total's key in the energy object.</summary>
    private protected string ImportKey { get; } = importKey;

    /// <summary>The object of the message that holds the totals, and its name for error messages; or the format's error.</summary>
    private protected abstract Result<(JsonElement Energy, string Name)> FindEnergy(JsonElement root);

    /// <inheritdoc/>
    private protected sealed override Result<CounterSample?> ParseCore(string topic, ReadOnlyMemory<byte> payload)
    {
        if (!string.Equals(topic, Topic, StringComparison.Ordinal))
        {
            return string.Equals(Parent(topic), Parent(Topic), StringComparison.Ordinal) ? Ignored : UnknownTopic(topic);
        }

        var parsed = ParseObject(payload);
        if (!parsed.IsSuccess)
        {
            return parsed.Error;
        }

        using var document = parsed.Value;
        var root = document.RootElement;
        var found = FindEnergy(root);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var time = ReadTime(root, timeZone);
        return time.IsSuccess ? Read(found.Value.Energy, found.Value.Name, time.Value) : time.Error;
    }

    /// <summary>Reads Tasmota's optional top-level <c>Time</c>.</summary>
    private static Result<DateTimeOffset?> ReadTime(JsonElement root, TimeZoneInfo zone)
    {
        if (!root.TryGetProperty("Time", out var time))
        {
            return Result<DateTimeOffset?>.Ok(null);
        }

        if (time.ValueKind != JsonValueKind.String)
        {
            return Result<DateTimeOffset?>.Fail(IngestErrors.PayloadBadTime, $"'Time' is {time.ValueKind.ToString().ToLowerInvariant()}, not a string.");
        }

        var parsed = LocalTime.Parse(time.GetString()!, zone);
        return parsed.IsSuccess ? parsed.Value : parsed.Error;
    }

    /// <summary>Builds a sample from the energy object's import and optional export keys (kWh).</summary>
    private Result<CounterSample?> Read(JsonElement energy, string objectName, DateTimeOffset? time)
    {
        if (!energy.TryGetProperty(ImportKey, out var importElement))
        {
            return Result<CounterSample?>.Fail(IngestErrors.PayloadNoEnergy, $"'{objectName}' has no '{ImportKey}' (the import total in kWh).");
        }

        var import = EnergyNumber.Read(importElement, EnergyNumber.PerKilowattHour, $"{objectName}.{ImportKey}");
        if (!import.IsSuccess)
        {
            return import.Error;
        }

        foreach (var exportKey in exportKeys)
        {
            if (energy.TryGetProperty(exportKey, out var exportElement))
            {
                var export = EnergyNumber.Read(exportElement, EnergyNumber.PerKilowattHour, $"{objectName}.{exportKey}");
                return export.IsSuccess ? new CounterSample(time, import.Value, export.Value) : export.Error;
            }
        }

        return new CounterSample(time, import.Value, null);
    }
}
