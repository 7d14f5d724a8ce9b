namespace Flecs.Contracts.Runtime;

/// <summary>The sandbox's limits for one interval execution (docs/contracts/README.md#limits). Consensus rules: changing one changes outcomes.</summary>
/// <param name="Statements">The exact statement budget: the execution stops with <c>contract.exec.budget</c> at the first statement past it.</param>
/// <param name="RecursionDepth">The deepest JavaScript call stack.</param>
/// <param name="ArraySize">The largest array a template may create.</param>
/// <param name="MemoryBytes">The memory backstop: bytes the engine may allocate during one call (measured by the runtime, so not exact; set far above what certified templates use).</param>
public sealed record ExecutionLimits(int Statements, int RecursionDepth, uint ArraySize, long MemoryBytes)
{
    /// <summary>The ledger's limits: 100,000 statements, depth 64, arrays of 10,000, 32 MiB.</summary>
    public static ExecutionLimits Ledger { get; } = new(100_000, 64, 10_000, 32L * 1024 * 1024);
}
