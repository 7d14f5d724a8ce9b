using Flecs.Core.Results;
using Flecs.Ledger.Transactions;

namespace Flecs.Ledger.Execution;

/// <summary>Applies the domain rules of one transaction type. Modules plug their transaction types into the ledger through this port.</summary>
/// <remarks>
/// Called only after the envelope rules passed (signature, sender status, expiry, sequence). Must be
/// deterministic: read and write only through <see cref="TransactionContext.State"/>, and return an
/// <see cref="Error"/> with a stable code to reject; writes of a rejected transaction are discarded.
/// </remarks>
public interface ITransactionExecutor
{
    /// <summary>The transaction type this executor handles.</summary>
    public TransactionType Type { get; }

    /// <summary>Validates and applies the transaction.</summary>
    public Result Execute(TransactionContext context);
}
