using Flecs.Core.Results;
using Flecs.Ledger.Execution;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Players;
using Flecs.Ledger.Transactions;

namespace Flecs.Ledger.Registry;

/// <summary>
/// <c>register-player</c>: the SA registers any player (an active one hands its public key over off-ledger);
/// an authorized TradCo or AggCo registers a passive customer it represents. Every new player starts
/// <see cref="PlayerStatus.Pending"/> until the SA authorizes it.
/// </summary>
/// <remarks>
/// There is deliberately no self-registration by unknown keys: it would let anyone squat ids the SA
/// means to assign (or a future validator's id) and grow state without bound.
/// </remarks>
public sealed class RegisterPlayerExecutor : ITransactionExecutor
{
    /// <inheritdoc/>
    public TransactionType Type => TransactionType.RegisterPlayer;

    /// <inheritdoc/>
    public Result Execute(TransactionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var decoded = Payload.Decode(context.Transaction.Payload, RegisterPlayerPayload.Read, p => p.Encode());
        if (!decoded.IsSuccess)
        {
            return decoded.Error;
        }

        var p = decoded.Value;
        if (!Enum.IsDefined(p.Role) || !Enum.IsDefined(p.Mode))
        {
            return Result.Fail(LedgerErrors.InvalidPayload, "Unknown role or mode.");
        }

        if (p.Role == PlayerRole.SupervisingAuthority)
        {
            return Result.Fail(LedgerErrors.WrongRole, "The Supervising Authority exists from genesis and cannot be registered.");
        }

        if (p.Mode == PlayerMode.Active && (p.PublicKey is null || p.Representative is not null))
        {
            return Result.Fail(LedgerErrors.InvalidPayload, "An active player has a key and no representative.");
        }

        if (p.Mode == PlayerMode.Passive && (p.PublicKey is not null || p.Representative is null || p.Role is not (PlayerRole.Prosumer or PlayerRole.DemandResponseProvider)))
        {
            return Result.Fail(LedgerErrors.InvalidPayload, "A passive player is a prosumer or demand-response provider with a representative and no key.");
        }

        var sender = context.Sender;
        var allowed = context.SenderIsSupervisingAuthority
            || (sender is { CanRepresent: true } && p.Mode == PlayerMode.Passive && p.Representative == sender.Id);
        if (!allowed)
        {
            return Result.Fail(LedgerErrors.WrongRole, $"'{context.Transaction.Sender}' may not register '{p.Id}': only the SA, or the TradCo/AggCo representing a passive player, may.");
        }

        if (context.FindPlayer(p.Id) is not null || ValidatorSet.Find(ValidatorSetState.Read(context.State), p.Id) is not null)
        {
            return Result.Fail(LedgerErrors.PlayerExists, $"The id '{p.Id}' is taken.");
        }

        if (p.Representative is { } representativeId)
        {
            var representative = context.FindPlayer(representativeId);
            if (representative is not { CanRepresent: true, Status: PlayerStatus.Authorized })
            {
                return Result.Fail(LedgerErrors.WrongRole, $"The representative '{representativeId}' must be an authorized TradCo or AggCo.");
            }
        }

        context.PutPlayer(new PlayerRecord(p.Id, p.Role, p.Mode, PlayerStatus.Pending, p.PublicKey, p.Representative, 0, context.Height));
        return Result.Success;
    }
}
