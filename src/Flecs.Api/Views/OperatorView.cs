namespace Flecs.Api.Views;

/// <summary>The node's internals, for the SA.</summary>
/// <param name="Status">The public status.</param>
/// <param name="Sessions">Open browser sessions.</param>
/// <param name="RateLimited">Requests refused by the rate limiter since start.</param>
/// <param name="Submitted">Transactions submitted over HTTP since start.</param>
/// <param name="Ingest">MQTT ingest counters (empty without ingest).</param>
public sealed record OperatorView(StatusView Status, int Sessions, long RateLimited, long Submitted, IReadOnlyDictionary<string, long> Ingest);
