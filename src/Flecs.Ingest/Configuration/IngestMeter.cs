namespace Flecs.Ingest.Configuration;

/// <summary>One meter the ingest reads: which registered meter, on which topic, in which format (docs/mqtt-ingest.md#configuration).</summary>
public sealed record IngestMeter
{
    /// <summary>The registered meter id (<c>meter/&lt;id&gt;</c> on the ledger).</summary>
    public required string Meter { get; init; }

    /// <summary>The device's topic: the Tasmota <c>SENSOR</c> topic, the Shelly Gen2 <c>status/emdata:N</c> or <c>status/em1data:N</c> topic, or the Shelly Gen1 <c>…/emeter/&lt;i&gt;</c> prefix.</summary>
    public required string Topic { get; init; }

    /// <summary>The payload format: <c>tasmota</c>, <c>tasmota-sml</c>, <c>shelly-gen2</c> or <c>shelly-gen1</c>.</summary>
    public required string Format { get; init; }

    /// <summary>Tasmota SML only: the key of the import total in kWh; default <c>Total_in</c>.</summary>
    public string? ImportKey { get; init; }

    /// <summary>Tasmota SML only: the key of the export total in kWh; default <c>Total_out</c>.</summary>
    public string? ExportKey { get; init; }

    /// <summary>The secret key file that signs this meter's batches, relative to the data directory; default: the configuration's <see cref="IngestConfig.GatewayKey"/>.</summary>
    public string? Key { get; init; }
}
