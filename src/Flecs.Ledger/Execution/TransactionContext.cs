using Flecs.Core.Identity;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Players;
using Flecs.Ledger.State;
using Flecs.Ledger.Transactions;

namespace Flecs.Ledger.Execution;

/// <summary>What an executor sees of one transaction: the transaction, its sender, the block it is in, and the state to change.</summary>
/// <param name="Transaction">The transaction.</param>
/// <param name="Sender">The sender's record before the transaction (null when a new player applies with its own key).</param>
/// <param name="Height">The height of the block being built.</param>
/// <param name="TimestampMs">The block timestamp (ms since the Unix epoch): the only clock consensus code may read.</param>
/// <param name="Genesis">The chain's genesis.</param>
/// <param name="State">The transaction's own overlay: discarded if the executor rejects.</param>
public sealed record TransactionContext(
    Transaction Transaction,
    PlayerRecord? Sender,
    long Height,
    long TimestampMs,
    GenesisConfig Genesis,
    StateOverlay State)
{
    /// <summary>Reads a player from state.</summary>
    public PlayerRecord? FindPlayer(PlayerId id) =>
        State.TryGet(PlayerRecord.StateKey(id), out var bytes) ? PlayerRecord.Decode(bytes) : null;

    /// <summary>Writes a player to state.</summary>
    public void PutPlayer(PlayerRecord player)
    {
        ArgumentNullException.ThrowIfNull(player);
        State.Set(PlayerRecord.StateKey(player.Id), player.Encode());
    }

    /// <summary>The output the executor emitted for the receipt (canonical CBOR), or null.</summary>
    public byte[]? Output { get; private set; }

    /// <summary>Records <paramref name="output"/> (canonical CBOR, non-empty) in the transaction's receipt if it is accepted; a later call replaces it.</summary>
    public void Emit(byte[] output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Length == 0)
        {
            throw new ArgumentException("An output is never empty.", nameof(output));
        }

        Output = output;
    }

    /// <summary>True when the sender is the Supervising Authority.</summary>
    public bool SenderIsSupervisingAuthority => Sender is { Role: PlayerRole.SupervisingAuthority };
}
