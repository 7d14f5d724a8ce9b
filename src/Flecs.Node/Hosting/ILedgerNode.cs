using Flecs.Ledger.Blocks;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Storage;

namespace Flecs.Node.Hosting;

/// <summary>
/// What every kind of node offers to readers (the API, the dashboard's stream): the committed chain, serialized store
/// reads and a signal when the head moves. The validator's <see cref="Sequencing.EmbeddedNode"/> and a verifying
/// follower both implement it.
/// </summary>
public interface ILedgerNode
{
    /// <summary>The chain: genesis, head and committed state (safe to read concurrently).</summary>
    public Chain Chain { get; }

    /// <summary>The genesis document.</summary>
    public GenesisConfig Genesis { get; }

    /// <summary>Moves after each durable block.</summary>
    public HeadSignal Head { get; }

    /// <summary>Runs <paramref name="read"/> against the store, serialized with block writes.</summary>
    public T Read<T>(Func<ILedgerStore, T> read);
}
