using Flecs.Core.Results;
using Flecs.Ledger.Execution;
using Flecs.Ledger.Players;
using Flecs.Ledger.Transactions;

namespace Flecs.Ledger.Registry;

/// <summary><c>rotate-key</c>: the SA replaces an active player's key (not its own root key, which genesis fixes); from the next transaction on, only the new key signs for it.</summary>
public sealed class RotateKeyExecutor : ITransactionExecutor
{
    /// <inheritdoc/>
    public TransactionType Type => TransactionType.RotateKey;

    /// <inheritdoc/>
    public Result Execute(TransactionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.SenderIsSupervisingAuthority)
        {
            return Result.Fail(LedgerErrors.WrongRole, "Only the Supervising Authority may rotate keys.");
        }

        var decoded = Payload.Decode(context.Transaction.Payload, PlayerKeyPayload.Read, p => p.Encode());
        if (!decoded.IsSuccess)
        {
            return decoded.Error;
        }

        var player = context.FindPlayer(decoded.Value.Id);
        if (player is null)
        {
            return Result.Fail(LedgerErrors.PlayerNotFound, $"No player '{decoded.Value.Id}'.");
        }

        if (player.Role == PlayerRole.SupervisingAuthority)
        {
            return Result.Fail(LedgerErrors.InvalidTransition, "The SA root key is fixed by genesis; light clients trust it to authorize validators.");
        }

        if (player.Mode != PlayerMode.Active || player.Status == PlayerStatus.Revoked)
        {
            return Result.Fail(LedgerErrors.InvalidTransition, $"'{player.Id}' is {player.Mode} and {player.Status}: it has no key to rotate.");
        }

        context.PutPlayer(player with { PublicKey = decoded.Value.PublicKey });
        return Result.Success;
    }
}
