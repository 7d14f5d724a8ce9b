namespace Flecs.Contracts.Lifecycle;

/// <summary>Where a contract is in its life. Persisted as its number.</summary>
public enum ContractStatus
{
    /// <summary>Proposed; waiting for every party's acceptance.</summary>
    Proposed = 0,

    /// <summary>Accepted by all parties; intervals execute from the term start.</summary>
    Live = 1,

    /// <summary>Every interval of the term executed.</summary>
    Expired = 2,

    /// <summary>Ended early by mutual termination.</summary>
    Terminated = 3,
}
