using Flecs.Contracts.Lifecycle;
using Flecs.Ledger.Execution;
using Flecs.Settlement;

namespace Flecs.Node.Sequencing;

/// <summary>The module executors every FLECS node runs on top of the ledger's own: the node, the verifier, the demo and the tests use this one set.</summary>
public static class StandardModules
{
    /// <summary>A fresh set of executors (each set owns its contract sandbox runtime: one per replica and thread).</summary>
    public static IReadOnlyList<ITransactionExecutor> Executors()
    {
        var contracts = new ContractModule();
        return [.. contracts.Executors(), .. new SettlementModule(contracts).Executors()];
    }
}
