namespace Flecs.Cli.Bench;

/// <summary>The figures of one <c>flecs bench ledger</c> run.</summary>
internal sealed record LedgerBenchmarkResult(int Cores, double VerifyPerSSingleCore, double CommittedTxPerS, double Ratio, double TargetRatio, int Transactions, int Players, int WarmUpTransactions, long Blocks, double ElapsedS, long AllocatedBytesPerTx, double CpuUsPerTx, double VerifyUsPerTx, double GcPauseS, int[] GcCollections);
