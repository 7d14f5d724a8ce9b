using Flecs.Core.Identity;
using Flecs.Core.Units;

namespace Flecs.Market.Interface;

/// <summary>One money movement of a P2G settlement; positive means the account receives.</summary>
/// <param name="Account">Whose account.</param>
/// <param name="Player">The player, for <see cref="InterfaceAccount.Player"/> postings.</param>
/// <param name="Level">The level, for <see cref="InterfaceAccount.GridOperator"/> postings.</param>
/// <param name="Amount">The signed amount.</param>
public sealed record InterfacePosting(InterfaceAccount Account, PlayerId? Player, GridLevel? Level, Money Amount);
