using System.Collections.Concurrent;
using Flecs.Core.Identity;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Players;
using Flecs.Ledger.Registry;
using Flecs.Ledger.Transactions;
using Flecs.Node.Sequencing;

namespace Flecs.Node.Clients;

/// <summary>Builds, signs and submits transactions for players: the client API that the CLI, the demo and the benchmarks use.</summary>
/// <remarks>
/// Tracks the next sequence number per sender, so one sender may have several transactions in
/// flight; submit them from one task, in order, so the node receives them in sequence.
/// </remarks>
public sealed class LedgerClient
{
    /// <summary>How many blocks after the current head a transaction stays valid by default.</summary>
    public const long DefaultValidityBlocks = 1_000;

    private readonly EmbeddedNode _node;
    private readonly ConcurrentDictionary<PlayerId, long> _nextSequence = new();

    /// <summary>Creates a client of <paramref name="node"/>.</summary>
    public LedgerClient(EmbeddedNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _node = node;
    }

    /// <summary>Signs a transaction with the sender's next sequence number, without submitting it.</summary>
    public Transaction Sign(PlayerId sender, ISigner signer, TransactionType type, byte[] payload, long validityBlocks = DefaultValidityBlocks)
    {
        var committed = _node.Chain.State.TryGet(PlayerRecord.StateKey(sender), out var bytes) ? PlayerRecord.Decode(bytes).Sequence : 0;
        var sequence = _nextSequence.AddOrUpdate(sender, committed + 1, (_, next) => Math.Max(next, committed) + 1);
        return Transaction.Create(_node.Genesis.ChainId, type, sender, sequence, _node.Chain.Head.Height + validityBlocks, payload, signer);
    }

    /// <summary>Signs and submits a transaction; completes when its block is durable.</summary>
    /// <remarks>After a rejection the tracked sequence is dropped, so the next transaction of the sender is signed with its committed sequence + 1.</remarks>
    public async Task<Submission> SendAsync(PlayerId sender, ISigner signer, TransactionType type, byte[] payload, CancellationToken cancellationToken = default)
    {
        var submission = await _node.SubmitAsync(Sign(sender, signer, type, payload).Bytes, cancellationToken).ConfigureAwait(false);
        if (!submission.IsAccepted)
        {
            ResetSequence(sender);
        }

        return submission;
    }

    /// <summary>Registers an active player with its key (sent by <paramref name="sender"/>: the SA, or the player itself).</summary>
    public Task<Submission> RegisterActiveAsync(PlayerId sender, ISigner signer, PlayerId id, PlayerRole role, Ed25519PublicKey key, CancellationToken cancellationToken = default) =>
        SendAsync(sender, signer, TransactionType.RegisterPlayer, new RegisterPlayerPayload(id, role, PlayerMode.Active, key, null).Encode(), cancellationToken);

    /// <summary>Registers a passive player represented by <paramref name="representative"/> (sent by the SA or the representative).</summary>
    public Task<Submission> RegisterPassiveAsync(PlayerId sender, ISigner signer, PlayerId id, PlayerRole role, PlayerId representative, CancellationToken cancellationToken = default) =>
        SendAsync(sender, signer, TransactionType.RegisterPlayer, new RegisterPlayerPayload(id, role, PlayerMode.Passive, null, representative).Encode(), cancellationToken);

    /// <summary>Sends an SA status change: <see cref="TransactionType.AuthorizePlayer"/>, <see cref="TransactionType.SuspendPlayer"/>, <see cref="TransactionType.RevokePlayer"/> or <see cref="TransactionType.RemoveValidator"/>.</summary>
    public Task<Submission> ActOnAsync(PlayerId sender, ISigner signer, TransactionType type, PlayerId id, string reason, CancellationToken cancellationToken = default) =>
        SendAsync(sender, signer, type, new PlayerActionPayload(id, reason).Encode(), cancellationToken);

    /// <summary>Sends <see cref="TransactionType.RotateKey"/> or <see cref="TransactionType.AddValidator"/>.</summary>
    public Task<Submission> SetKeyAsync(PlayerId sender, ISigner signer, TransactionType type, PlayerId id, Ed25519PublicKey key, CancellationToken cancellationToken = default) =>
        SendAsync(sender, signer, type, new PlayerKeyPayload(id, key).Encode(), cancellationToken);

    /// <summary>Anchors a document hash.</summary>
    public Task<Submission> AnchorAsync(PlayerId sender, ISigner signer, Hash256 documentHash, string kind, CancellationToken cancellationToken = default) =>
        SendAsync(sender, signer, TransactionType.AnchorDocument, new AnchorDocumentPayload(documentHash, kind).Encode(), cancellationToken);

    /// <summary>Forgets the tracked sequence of <paramref name="sender"/> (after a rejection left a gap).</summary>
    public void ResetSequence(PlayerId sender) => _nextSequence.TryRemove(sender, out _);
}
