using System.Text.Json;
using System.Text.Json.Serialization;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Ingest.Payloads;
using Flecs.Settlement.Meters;

namespace Flecs.Ingest.Configuration;

/// <summary>
/// The MQTT ingest's configuration file (docs/mqtt-ingest.md#configuration): the broker, who sends and who signs, and
/// the meters with their topics and formats. Read strictly: an unknown property, a missing required one, a null or a
/// broken rule is <see cref="IngestErrors.ConfigInvalid"/> with a message that names the property, its value and the rule.
/// </summary>
public sealed record IngestConfig
{
    /// <summary>The default MQTT port.</summary>
    public const int DefaultPort = 1883;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        PropertyNameCaseInsensitive = false,
    };

    /// <summary>The broker: <c>mqtt://host[:port]</c> (or <c>tcp://</c>); the port defaults to 1883. TLS and credentials are not supported yet.</summary>
    public required string Broker { get; init; }

    /// <summary>The MQTT client id; default <c>flecs-ingest</c>. The session is persistent, so the broker keeps QoS 1 messages while the ingest reconnects.</summary>
    public string ClientId { get; init; } = "flecs-ingest";

    /// <summary>The player that sends the submit-readings transactions: the meters' owner, its representative, or a Market Operator.</summary>
    public required string Sender { get; init; }

    /// <summary>The sender's secret key file, relative to the data directory (absolute paths are used as they are).</summary>
    public required string SenderKey { get; init; }

    /// <summary>The secret key file of the meter or gateway that signs the reading batches, relative to the data directory; a meter's <see cref="IngestMeter.Key"/> overrides it.</summary>
    public string? GatewayKey { get; init; }

    /// <summary>The IANA time zone of Tasmota's local <c>Time</c>; default <c>UTC</c>.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>How often completed readings are submitted, in seconds (1–3,600); default 5. They are also submitted on stop.</summary>
    public int FlushSeconds { get; init; } = 5;

    /// <summary>The longest time between two samples of a counter whose difference is still spread over the intervals between them, in seconds (1–604,800); default 3,600.</summary>
    public int MaxGapSeconds { get; init; } = 3_600;

    /// <summary>The meters to read (at least one).</summary>
    public required IReadOnlyList<IngestMeter> Meters { get; init; }

    /// <summary>Reads and checks a configuration file.</summary>
    /// <returns>The configuration, <see cref="IngestErrors.ConfigUnreadable"/> or <see cref="IngestErrors.ConfigInvalid"/>.</returns>
    public static Result<IngestConfig> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Result<IngestConfig>.Fail(IngestErrors.ConfigUnreadable, $"Cannot read the ingest configuration '{path}': {ex.Message}");
        }

        var parsed = Parse(text);
        return parsed.IsSuccess ? parsed : Result<IngestConfig>.Fail(parsed.Error.Code, $"{path}: {parsed.Error.Message}");
    }

    /// <summary>Parses and checks a configuration's JSON text.</summary>
    /// <returns>The configuration or <see cref="IngestErrors.ConfigInvalid"/>.</returns>
    public static Result<IngestConfig> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        IngestConfig? config;
        try
        {
            config = JsonSerializer.Deserialize<IngestConfig>(json, Json);
        }
        catch (JsonException ex)
        {
            return Result<IngestConfig>.Fail(IngestErrors.ConfigInvalid, $"The ingest configuration is not valid: {ex.Message}");
        }

        if (config is null)
        {
            return Result<IngestConfig>.Fail(IngestErrors.ConfigInvalid, "The ingest configuration is null; it must be a JSON object.");
        }

        var valid = config.Validate();
        return valid.IsSuccess ? config : valid.Error;
    }

    /// <summary>The broker's host and port.</summary>
    public (string Host, int Port) BrokerEndpoint()
    {
        var uri = new Uri(Broker, UriKind.Absolute);
        return (uri.Host, uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port);
    }

    /// <summary>The time zone of <see cref="TimeZone"/>.</summary>
    public TimeZoneInfo FindTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>The payload format of a configured meter.</summary>
    public Result<MeterPayloadFormat> CreateFormat(IngestMeter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        return MeterPayloadFormat.Create(meter.Format, meter.Topic, FindTimeZone(), meter.ImportKey, meter.ExportKey);
    }

    private Result Validate()
    {
        if (!Uri.TryCreate(Broker, UriKind.Absolute, out var broker) || broker.Scheme is not ("mqtt" or "tcp") || broker.Host.Length == 0
            || broker.UserInfo.Length > 0 || broker.AbsolutePath is not ("" or "/") || broker.Query.Length > 0 || broker.Fragment.Length > 0)
        {
            return Invalid($"broker is '{Broker}'; it must be mqtt://host[:port] (or tcp://), without credentials, path or query");
        }

        if (ClientId.Length is 0 or > 256)
        {
            return Invalid($"clientId is '{ClientId}'; it must have 1–256 characters");
        }

        if (!PlayerId.TryParse(Sender, out _))
        {
            return Invalid($"sender is '{Sender}'; it must be a player id");
        }

        if (SenderKey.Length == 0 || GatewayKey is { Length: 0 })
        {
            return Invalid("senderKey and gatewayKey must not be empty");
        }

        try
        {
            _ = FindTimeZone();
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return Invalid($"timeZone is '{TimeZone}'; it must be an IANA time zone such as Europe/Berlin ({ex.Message})");
        }

        if (FlushSeconds is < 1 or > 3_600)
        {
            return Invalid($"flushSeconds is {FlushSeconds}; it must be 1–3600");
        }

        if (MaxGapSeconds is < 1 or > 604_800)
        {
            return Invalid($"maxGapSeconds is {MaxGapSeconds}; it must be 1–604800 (a week)");
        }

        if (Meters.Count == 0)
        {
            return Invalid("meters is empty; it must list at least one meter");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var topics = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Meters.Count; i++)
        {
            var meter = Meters[i];
            if (meter is null)
            {
                return Invalid($"meters[{i}] is null");
            }

            if (!MeterId.IsValid(meter.Meter) || !ids.Add(meter.Meter))
            {
                return Invalid($"meters[{i}].meter is '{meter.Meter}'; it must be a meter id (1–64 of A–Z a–z 0–9 - . _ :) listed once");
            }

            if (!topics.Add(meter.Topic))
            {
                return Invalid($"meters[{i}].topic is '{meter.Topic}'; another meter already reads that topic");
            }

            if (meter.Key is { Length: 0 } || (meter.Key is null && GatewayKey is null))
            {
                return Invalid($"meters[{i}].key is missing or empty; give the meter a key or set gatewayKey");
            }

            var format = CreateFormat(meter);
            if (!format.IsSuccess)
            {
                return Invalid($"meters[{i}] ('{meter.Meter}'): {format.Error.Message}");
            }
        }

        return Result.Success;
    }

    private static Result Invalid(string message) => Result.Fail(IngestErrors.ConfigInvalid, message + ".");
}
