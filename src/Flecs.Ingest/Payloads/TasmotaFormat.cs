using System.Text.Json;
using Flecs.Core.Results;

namespace Flecs.Ingest.Payloads;

/// <summary>
/// Tasmota energy monitoring (<c>tele/&lt;topic&gt;/SENSOR</c>): <c>ENERGY.Total</c> is the import counter in kWh;
/// <c>ENERGY.TotalReturned</c> (or <c>ExportActive</c>, <c>Export</c>), when present, the export counter in kWh.
/// A per-phase array of totals is summed. <c>Time</c> is local time in the configured zone.
/// </summary>
/// <remarks>Other messages of the same device (<c>LWT</c>, <c>STATE</c>, …: the same topic with another last level) are ignored.</remarks>
internal sealed class TasmotaFormat(string topic, TimeZoneInfo timeZone) : TasmotaSensorFormat(topic, timeZone, "Total", ExportKeys)
{
    private static readonly string[] ExportKeys = ["TotalReturned", "ExportActive", "Export"];

    /// <inheritdoc/>
    public override string Name => Tasmota;

    /// <inheritdoc/>
    private protected override Result<(JsonElement Energy, string Name)> FindEnergy(JsonElement root) =>
        root.TryGetProperty("ENERGY", out var energy) && energy.ValueKind == JsonValueKind.Object
            ? (energy, "ENERGY")
            : Result<(JsonElement, string)>.Fail(IngestErrors.PayloadNoEnergy, "The SENSOR message has no 'ENERGY' object.");
}
