using Flecs.Core.Results;
using Flecs.Ledger.Execution;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Transactions;

namespace Flecs.Ledger.Registry;

/// <summary><c>add-validator</c> and <c>remove-validator</c>: the SA changes the validator set; the change seals from the next block on.</summary>
public sealed class ValidatorSetExecutor : ITransactionExecutor
{
    private ValidatorSetExecutor(TransactionType type) => Type = type;

    /// <summary>The executor of <c>add-validator</c>.</summary>
    public static ValidatorSetExecutor Add { get; } = new(TransactionType.AddValidator);

    /// <summary>The executor of <c>remove-validator</c>.</summary>
    public static ValidatorSetExecutor Remove { get; } = new(TransactionType.RemoveValidator);

    /// <inheritdoc/>
    public TransactionType Type { get; }

    /// <inheritdoc/>
    public Result Execute(TransactionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.SenderIsSupervisingAuthority)
        {
            return Result.Fail(LedgerErrors.WrongRole, "Only the Supervising Authority may change the validator set.");
        }

        var validators = ValidatorSetState.Read(context.State);
        if (Type == TransactionType.AddValidator)
        {
            var add = Payload.Decode(context.Transaction.Payload, PlayerKeyPayload.Read, p => p.Encode());
            if (!add.IsSuccess)
            {
                return add.Error;
            }

            if (ValidatorSet.Find(validators, add.Value.Id) is not null || context.FindPlayer(add.Value.Id) is not null)
            {
                return Result.Fail(LedgerErrors.ValidatorExists, $"The id '{add.Value.Id}' is taken.");
            }

            ValidatorSetState.Write(context.State, validators.Add(new ValidatorInfo(add.Value.Id, add.Value.PublicKey)));
            return Result.Success;
        }

        var remove = Payload.Decode(context.Transaction.Payload, PlayerActionPayload.Read, p => p.Encode());
        if (!remove.IsSuccess)
        {
            return remove.Error;
        }

        var existing = ValidatorSet.Find(validators, remove.Value.Id);
        if (existing is null)
        {
            return Result.Fail(LedgerErrors.ValidatorNotFound, $"No validator '{remove.Value.Id}'.");
        }

        if (validators.Length == 1)
        {
            return Result.Fail(LedgerErrors.LastValidator, "The last validator cannot be removed.");
        }

        ValidatorSetState.Write(context.State, validators.Remove(existing));
        return Result.Success;
    }
}
