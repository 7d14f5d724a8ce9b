using Flecs.Core.Results;
using Flecs.Ledger.Execution;
using Flecs.Ledger.Players;
using Flecs.Ledger.Transactions;

namespace Flecs.Ledger.Registry;

/// <summary>
/// The SA's status changes: <c>authorize-player</c> (pending or suspended → authorized),
/// <c>suspend-player</c> (authorized or pending → suspended), <c>revoke-player</c> (any → revoked, final).
/// </summary>
public sealed class PlayerStatusExecutor : ITransactionExecutor
{
    private readonly PlayerStatus _target;

    private PlayerStatusExecutor(TransactionType type, PlayerStatus target)
    {
        Type = type;
        _target = target;
    }

    /// <summary>The executor of <c>authorize-player</c>.</summary>
    public static PlayerStatusExecutor Authorize { get; } = new(TransactionType.AuthorizePlayer, PlayerStatus.Authorized);

    /// <summary>The executor of <c>suspend-player</c>.</summary>
    public static PlayerStatusExecutor Suspend { get; } = new(TransactionType.SuspendPlayer, PlayerStatus.Suspended);

    /// <summary>The executor of <c>revoke-player</c>.</summary>
    public static PlayerStatusExecutor Revoke { get; } = new(TransactionType.RevokePlayer, PlayerStatus.Revoked);

    /// <inheritdoc/>
    public TransactionType Type { get; }

    /// <inheritdoc/>
    public Result Execute(TransactionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.SenderIsSupervisingAuthority)
        {
            return Result.Fail(LedgerErrors.WrongRole, $"Only the Supervising Authority may {Type}.");
        }

        var decoded = Payload.Decode(context.Transaction.Payload, PlayerActionPayload.Read, p => p.Encode());
        if (!decoded.IsSuccess)
        {
            return decoded.Error;
        }

        var player = context.FindPlayer(decoded.Value.Id);
        if (player is null)
        {
            return Result.Fail(LedgerErrors.PlayerNotFound, $"No player '{decoded.Value.Id}'.");
        }

        var allowed = player.Role != PlayerRole.SupervisingAuthority && (_target, player.Status) switch
        {
            (PlayerStatus.Authorized, PlayerStatus.Pending or PlayerStatus.Suspended) => true,
            (PlayerStatus.Suspended, PlayerStatus.Authorized or PlayerStatus.Pending) => true,
            (PlayerStatus.Revoked, not PlayerStatus.Revoked) => true,
            _ => false,
        };
        if (!allowed)
        {
            return Result.Fail(LedgerErrors.InvalidTransition, $"'{player.Id}' is {player.Status}; {Type} does not apply.");
        }

        context.PutPlayer(player with { Status = _target });
        return Result.Success;
    }
}
