using System.Collections.Immutable;
using Flecs.Contracts.Values;
using Flecs.Core.Identity;

namespace Flecs.Contracts.Lifecycle;

/// <summary>A change waiting for the other parties' acceptance.</summary>
/// <param name="Id">The proposing transaction's id (the contract id for the original terms).</param>
/// <param name="Kind">What it changes.</param>
/// <param name="Parameters">The new parameters (amendment), else null value.</param>
/// <param name="Interval">Effective from (amendment), the new end (termination), or the term start (terms).</param>
/// <param name="Consents">The roles that accepted so far.</param>
public sealed record PendingProposal(Hash256 Id, ProposalKind Kind, ContractValue Parameters, long Interval, ImmutableSortedSet<string> Consents);
