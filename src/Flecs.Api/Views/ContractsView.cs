namespace Flecs.Api.Views;

/// <summary>The contracts the caller is party to, and counts over all contracts.</summary>
/// <param name="Contracts">Contracts with the caller (or a player it represents) as a party; every contract for the SA.</param>
/// <param name="Total">All contracts.</param>
/// <param name="ByStatus">All contracts by status.</param>
/// <param name="ByKind">All contracts by kind.</param>
public sealed record ContractsView(IReadOnlyList<ContractView> Contracts, int Total, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyDictionary<string, int> ByKind);
