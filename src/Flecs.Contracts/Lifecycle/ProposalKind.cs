namespace Flecs.Contracts.Lifecycle;

/// <summary>What a pending proposal changes. Persisted as its number.</summary>
public enum ProposalKind
{
    /// <summary>The original terms.</summary>
    Terms = 0,

    /// <summary>New parameters from an interval on.</summary>
    Amendment = 1,

    /// <summary>An earlier term end.</summary>
    Termination = 2,
}
