using System.Text.Json;
using Flecs.Core.Results;

namespace Flecs.Ingest.Payloads;

/// <summary>
/// Tasmota's Smart Meter Interface (an SML/OBIS meter read through an IR head): the meter script names the object and
/// its keys. The first top-level object that holds the import key is read: the import total and, when present, the
/// export total, both in kWh. <c>Time</c> is local time in the configured zone, as for <see cref="TasmotaFormat"/>.
/// </summary>
internal sealed class TasmotaSmlFormat(string topic, TimeZoneInfo timeZone, string importKey, string exportKey)
    : TasmotaSensorFormat(topic, timeZone, importKey, [exportKey])
{
    /// <summary>The default import key (OBIS 1-0:1.8.0 in the usual meter scripts).</summary>
    public const string DefaultImportKey = "Total_in";

    /// <summary>The default export key (OBIS 1-0:2.8.0).</summary>
    public const string DefaultExportKey = "Total_out";

    /// <inheritdoc/>
    public override string Name => TasmotaSml;

    /// <inheritdoc/>
    private protected override Result<(JsonElement Energy, string Name)> FindEnergy(JsonElement root)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object && property.Value.TryGetProperty(ImportKey, out _))
            {
                return (property.Value, property.Name);
            }
        }

        return Result<(JsonElement, string)>.Fail(IngestErrors.PayloadNoEnergy, $"No object in the SENSOR message has the import key '{ImportKey}'.");
    }
}
