namespace Flecs.Cli.Bench;

/// <summary>The figures of <c>flecs bench api --json</c> (snake_case in JSON).</summary>
internal sealed record ApiBenchmarkResult(int Transactions, int Clients, int Batch, int Cores, double CommittedTxPerS, int Requests, double P50Ms, double P99Ms, double MaxMs, long Blocks, double ElapsedS);
