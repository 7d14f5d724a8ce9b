using Flecs.Core.Results;
using Flecs.Ledger.Execution;
using Flecs.Ledger.Transactions;
using Flecs.Testing.Chains;

namespace Flecs.Ledger.Tests.Blocks;

public sealed class ExecutorFaultTests
{
    [Fact]
    public void Apply_ModuleExecutorThrows_RejectedAsExecutorFaultAndStateUnchanged()
    {
        var chain = TestChain.Create(moduleExecutors: [new ThrowingExecutor()]);
        var before = chain.Chain.State.Snapshot();

        var block = chain.Append(chain.Sign(chain.Sa, ThrowingExecutor.Type1000, [0x80]));

        Assert.Equal(LedgerErrors.ExecutorFault, Assert.Single(block.Receipts).Code);
        Assert.Equal(before.Select(e => e.Key + "=" + Convert.ToHexString(e.Value)), chain.Chain.State.Snapshot().Select(e => e.Key + "=" + Convert.ToHexString(e.Value)));
    }

    private sealed class ThrowingExecutor : ITransactionExecutor
    {
        public static TransactionType Type1000 => new(1000);

        public TransactionType Type => Type1000;

        public Result Execute(TransactionContext context) => throw new InvalidOperationException("crafted input");
    }
}
