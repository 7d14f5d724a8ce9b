using System.Text.Json;
using Flecs.Core.Results;

namespace Flecs.Ingest.Payloads;

/// <summary>
/// Tasmota energy monitoring (<c>tele/&lt;topic&gt;/SENSOR</c>): <c>ENERGY.Total</c> is the import counter in kWh;
/// <c>ENERGY.TotalReturned</c> (or <c>ExportActive</c>, <c>Export</c>), when present, the export counter in kWh.
/// A per-phase array of totals is summed. <c>Time</c> is local time in the configured zone.
/// </summary>
/// <remarks>Other messages of the same device (<c>LWT</c>, <c>STATE</c>, …: the same topic with another last level) are ignored.</remarks>
internal sealed class TasmotaFormat(string topic, TimeZoneInfo timeZone) : MeterPayloadFormat(topic)
{
    private static readonly string[] ExportKeys = ["TotalReturned", "ExportActive", "Export"];

    /// <inheritdoc/>
    public override string Name => Tasmota;

    /// <inheritdoc/>
    public override IReadOnlyList<string> Subscriptions => [Topic];

    /// <summary>Reads Tasmota's optional top-level <c>Time</c>.</summary>
    internal static Result<DateTimeOffset?> ReadTime(JsonElement root, TimeZoneInfo zone)
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

    /// <summary>Builds a sample from an object's import and optional export keys (kWh).</summary>
    internal static Result<CounterSample?> Read(JsonElement energy, string objectName, DateTimeOffset? time, string importKey, IReadOnlyList<string> exportKeys)
    {
        if (!energy.TryGetProperty(importKey, out var importElement))
        {
            return Result<CounterSample?>.Fail(IngestErrors.PayloadNoEnergy, $"'{objectName}' has no '{importKey}' (the import total in kWh).");
        }

        var import = EnergyNumber.Read(importElement, EnergyNumber.PerKilowattHour, $"{objectName}.{importKey}");
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

    /// <inheritdoc/>
    private protected override Result<CounterSample?> ParseCore(string topic, ReadOnlyMemory<byte> payload)
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
        if (!root.TryGetProperty("ENERGY", out var energy) || energy.ValueKind != JsonValueKind.Object)
        {
            return Result<CounterSample?>.Fail(IngestErrors.PayloadNoEnergy, "The SENSOR message has no 'ENERGY' object.");
        }

        var time = ReadTime(root, timeZone);
        return time.IsSuccess ? Read(energy, "ENERGY", time.Value, "Total", ExportKeys) : time.Error;
    }
}
