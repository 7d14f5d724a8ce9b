namespace Flecs.Api;

/// <summary>Options of the node's HTTP service (docs/api.md).</summary>
public sealed record NodeApiOptions
{
    /// <summary>The URLs to listen on, separated by ';' (e.g. <c>http://127.0.0.1:8080</c>); port 0 picks a free port.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:8080";

    /// <summary>Requests per second each remote address may make on average (counted before authentication). Default 500.</summary>
    public int RequestsPerSecond { get; init; } = 500;

    /// <summary>Requests a caller may make at once above the average (the bucket's size). Default 1,000.</summary>
    public int Burst { get; init; } = 1_000;

    /// <summary>The most transactions in one batch submission. Default 1,000.</summary>
    public int MaxBatch { get; init; } = 1_000;

    /// <summary>The largest request body in bytes; default: room for a batch of the most transactions at the genesis size limit, base64-encoded, capped at 32 MiB.</summary>
    public long? MaxRequestBytes { get; init; }

    /// <summary>How far a signed request's time may be from the node's clock. Default 5 minutes.</summary>
    public TimeSpan SignatureWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a dashboard session token lives. Default 8 hours.</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromHours(8);

    /// <summary>Whether the node re-verifies every committed block in the background (the verify status). Default true.</summary>
    public bool VerifyInBackground { get; init; } = true;

    /// <summary>The ingest counters to show to the SA (MQTT), if the node ingests.</summary>
    public Func<IReadOnlyDictionary<string, long>>? IngestCounters { get; init; }

    /// <summary>A follower's replication status, if the node follows.</summary>
    public Func<Views.FollowView>? FollowStatus { get; init; }
}
