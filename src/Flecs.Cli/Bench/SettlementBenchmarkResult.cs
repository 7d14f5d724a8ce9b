namespace Flecs.Cli.Bench;

/// <summary>The figures of one <c>flecs bench settlement</c> run.</summary>
internal sealed record SettlementBenchmarkResult(
    int Prosumers,
    int Intervals,
    double ProsumerIntervalsPerS,
    double TargetProsumerIntervalsPerS,
    double BytesPerProsumerMonth,
    double TargetBytesPerProsumerMonth,
    double FileBytesPerProsumerMonth,
    double PeakRssMib,
    double TargetPeakRssMib,
    int Transactions,
    long Blocks,
    double ElapsedS,
    double CloseS,
    double CpuS,
    double GcPauseS,
    int Cores,
    bool MeetsTargets);
