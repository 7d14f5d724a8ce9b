using Flecs.Core.Identity;
using Flecs.Ledger.Players;

namespace Flecs.Api.Access;

/// <summary>
/// Who sent a request: anonymous, or an authorized player proven by a signed request or a session token. Reads are
/// scoped by it (docs/api.md#access): a player sees its own data and that of the passive players it represents, and
/// aggregates of the rest; the Supervising Authority sees everything.
/// </summary>
/// <param name="Player">The player, or null when anonymous.</param>
/// <param name="Role">The player's role.</param>
/// <param name="Represented">The passive players the caller represents (it acts for them).</param>
public sealed record Caller(PlayerId? Player, PlayerRole? Role, IReadOnlySet<PlayerId> Represented)
{
    /// <summary>The anonymous caller.</summary>
    public static Caller Anonymous { get; } = new(null, null, new HashSet<PlayerId>());

    /// <summary>True for the Supervising Authority, which sees everything.</summary>
    public bool IsSupervisor => Role == PlayerRole.SupervisingAuthority;

    /// <summary>True when a player proved who it is.</summary>
    public bool IsAuthenticated => Player is not null;

    /// <summary>Whether the caller may see the data of <paramref name="player"/>: its own, a represented player's, or anyone's for the SA.</summary>
    public bool Sees(PlayerId player) => IsSupervisor || (Player is { } me && (me == player || Represented.Contains(player)));

    /// <summary>Whether the caller may see the data of the player named <paramref name="player"/> (an account name).</summary>
    public bool Sees(string player) => IsSupervisor || (PlayerId.TryParse(player, out var id) && Sees(id));
}
