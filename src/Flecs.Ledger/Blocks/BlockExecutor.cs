using System.Formats.Cbor;
using System.Collections.Immutable;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Execution;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Players;
using Flecs.Ledger.Registry;
using Flecs.Ledger.State;
using Flecs.Ledger.Transactions;

namespace Flecs.Ledger.Blocks;

/// <summary>The deterministic state machine: applies a block's transactions in order and produces one receipt each.</summary>
/// <remarks>
/// The rules, in order (docs/formats/receipts.md), each with its rejection code: size
/// (<c>oversized</c>), canonical decoding (<c>malformed</c>), chain id (<c>wrong-chain</c>), sender known
/// (<c>sender.unknown</c>) and active (<c>sender.passive</c>),
/// signature with the sender's key at this point of the chain (<c>bad-signature</c>), sender status
/// (<c>sender.pending</c>, <c>sender.suspended</c>, <c>sender.revoked</c>), validity limit (<c>expired</c>),
/// sequence (<c>duplicate</c> when the same id was accepted before, else <c>wrong-sequence</c>), executor
/// (<c>unknown-type</c>), then the executor's domain rules. Nothing here reads a clock, a random source
/// or anything but its arguments; a rejected transaction changes no state.
/// </remarks>
public sealed class BlockExecutor
{
    private readonly GenesisConfig _genesis;
    private readonly ISignatureVerifier _verifier;
    private readonly Dictionary<TransactionType, ITransactionExecutor> _executors = [];

    /// <summary>
    /// Decoded player records by state key, each with the bytes it was decoded from (or encoded to). A record answers
    /// only for those very bytes (reference equality), so it can never stand for another value; it saves decoding the
    /// sender's record at admission and again in the block, on every transaction.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (byte[] Bytes, PlayerRecord Record)> _players = new(StringComparer.Ordinal);

    /// <summary>Creates the state machine with the ledger's own executors plus <paramref name="moduleExecutors"/>.</summary>
    public BlockExecutor(GenesisConfig genesis, ISignatureVerifier verifier, IEnumerable<ITransactionExecutor>? moduleExecutors = null)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        ArgumentNullException.ThrowIfNull(verifier);
        _genesis = genesis;
        _verifier = verifier;
        foreach (var executor in LedgerExecutors().Concat(moduleExecutors ?? []))
        {
            if (!_executors.TryAdd(executor.Type, executor))
            {
                throw new ArgumentException($"Two executors for transaction type {executor.Type}.", nameof(moduleExecutors));
            }
        }
    }

    /// <summary>The ledger's built-in executors: registry and governance.</summary>
    public static IEnumerable<ITransactionExecutor> LedgerExecutors() =>
    [
        new RegisterPlayerExecutor(),
        PlayerStatusExecutor.Authorize,
        PlayerStatusExecutor.Suspend,
        PlayerStatusExecutor.Revoke,
        new RotateKeyExecutor(),
        ValidatorSetExecutor.Add,
        ValidatorSetExecutor.Remove,
        new AnchorDocumentExecutor(),
    ];

    /// <summary>
    /// The stateless envelope rules 1–3 (size, canonical decoding, chain id), which need no state and no
    /// order: node admission applies them before ordering, and <see cref="Apply"/> applies them again.
    /// </summary>
    public Result<Transaction> CheckEnvelope(TransactionCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (candidate.Bytes.Length > _genesis.Limits.MaxTransactionBytes)
        {
            return Result<Transaction>.Fail(LedgerErrors.Oversized, $"The transaction is {candidate.Bytes.Length} bytes; the limit is {_genesis.Limits.MaxTransactionBytes}.");
        }

        var decoded = candidate.Decode();
        if (!decoded.IsSuccess)
        {
            return decoded;
        }

        return string.Equals(decoded.Value.ChainId, _genesis.ChainId, StringComparison.Ordinal)
            ? decoded
            : Result<Transaction>.Fail(LedgerErrors.WrongChain, $"The transaction is for chain '{decoded.Value.ChainId}', not '{_genesis.ChainId}'.");
    }

    /// <summary>Pre-checks a candidate's signature against the sender's key in <paramref name="state"/>; safe to call in parallel.</summary>
    public void Preverify(TransactionCandidate candidate, IStateReader state)
    {
        if (CheckEnvelope(candidate) is { IsSuccess: true } envelope && SigningKey(FindPlayer(state, envelope.Value.Sender)) is { } key)
        {
            candidate.Verify(_verifier, key);
        }
    }

    /// <summary>Applies <paramref name="transactions"/> in order over <paramref name="parent"/>.</summary>
    /// <param name="parent">The state after the parent block.</param>
    /// <param name="height">The height of the block.</param>
    /// <param name="timestampMs">The block timestamp.</param>
    /// <param name="transactions">The transactions in block order.</param>
    /// <param name="wasAcceptedBefore">Whether a transaction id was accepted in an earlier block.</param>
    public BlockOutcome Execute(IStateReader parent, long height, long timestampMs, IReadOnlyList<TransactionCandidate> transactions, Func<Hash256, bool> wasAcceptedBefore)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(wasAcceptedBefore);
        // A transaction writes two keys or so (its document and its sender's sequence): sized for that up front.
        var block = new StateOverlay(parent, 2 * transactions.Count);
        var acceptedHere = new HashSet<Hash256>(transactions.Count);
        Func<Hash256, bool> wasAccepted = id => acceptedHere.Contains(id) || wasAcceptedBefore(id);
        var receipts = ImmutableArray.CreateBuilder<Receipt>(transactions.Count);

        // One overlay for every transaction in turn: merged into the block's when accepted, emptied either way.
        var txState = new StateOverlay(block);
        foreach (var candidate in transactions)
        {
            var result = Apply(candidate, txState, height, timestampMs, wasAccepted, out var output);
            if (result.IsSuccess)
            {
                txState.MergeInto(block);
                acceptedHere.Add(candidate.Id);
                receipts.Add(Receipt.Accepted(candidate.Id, output));
            }
            else
            {
                txState.Discard();
                receipts.Add(Receipt.Rejected(candidate.Id, result.Error.Code));
            }
        }

        return new BlockOutcome(receipts.MoveToImmutable(), block);
    }

    /// <summary>Applies one transaction to <paramref name="state"/>, returning the reason when it is rejected.</summary>
    /// <param name="candidate">The transaction.</param>
    /// <param name="state">The transaction's own overlay.</param>
    /// <param name="height">The height of the block.</param>
    /// <param name="timestampMs">The block timestamp.</param>
    /// <param name="wasAccepted">Whether a transaction id was accepted before (in this block or earlier).</param>
    /// <param name="output">The executor's output for the receipt, when it emitted one and the transaction was accepted.</param>
    public Result Apply(TransactionCandidate candidate, StateOverlay state, long height, long timestampMs, Func<Hash256, bool> wasAccepted, out byte[]? output)
    {
        output = null;
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(wasAccepted);
        var envelope = CheckEnvelope(candidate);
        if (!envelope.IsSuccess)
        {
            return envelope.Error;
        }

        var tx = envelope.Value;
        var senderKey = PlayerRecord.StateKey(tx.Sender);
        var sender = FindPlayer(state, senderKey);
        var key = SigningKey(sender);
        if (key is null)
        {
            return sender is { Mode: PlayerMode.Passive }
                ? Result.Fail(LedgerErrors.PassiveSender, $"'{tx.Sender}' is passive: its representative signs for it.")
                : Result.Fail(LedgerErrors.UnknownSender, $"'{tx.Sender}' is not a registered player.");
        }

        if (!candidate.Verify(_verifier, key.Value))
        {
            return Result.Fail(LedgerErrors.BadSignature, $"The signature does not verify with the key of '{tx.Sender}' at height {height}.");
        }

        switch (sender?.Status)
        {
            case PlayerStatus.Pending:
                return Result.Fail(LedgerErrors.PendingSender, $"'{tx.Sender}' is not yet authorized by the Supervising Authority.");
            case PlayerStatus.Suspended:
                return Result.Fail(LedgerErrors.SuspendedSender, $"'{tx.Sender}' is suspended.");
            case PlayerStatus.Revoked:
                return Result.Fail(LedgerErrors.RevokedSender, $"'{tx.Sender}' is revoked.");
        }

        if (height > tx.ValidUntilHeight)
        {
            return Result.Fail(LedgerErrors.Expired, $"The transaction was valid until height {tx.ValidUntilHeight}; this block is {height}.");
        }

        var expected = (sender?.Sequence ?? 0) + 1;
        if (tx.Sequence != expected)
        {
            return wasAccepted(candidate.Id)
                ? Result.Fail(LedgerErrors.Duplicate, $"The transaction {candidate.Id} was already accepted.")
                : Result.Fail(LedgerErrors.WrongSequence, $"Sequence {tx.Sequence} from '{tx.Sender}'; expected {expected}.");
        }

        if (!_executors.TryGetValue(tx.Type, out var executor))
        {
            return Result.Fail(LedgerErrors.UnknownType, $"No executor for transaction type {tx.Type}.");
        }

        Result executed;
        var context = new TransactionContext(tx, sender, height, timestampMs, _genesis, state);
        try
        {
            executed = executor.Execute(context);
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or FormatException or ArgumentException or OverflowException or IndexOutOfRangeException)
        {
            // A module executor that throws on crafted input must not stop the sequencer (or crash a verifier
            // replaying the block): the exception type is deterministic, so every node records the same rejection.
            return Result.Fail(LedgerErrors.ExecutorFault, $"The executor of {tx.Type} failed: {ex.GetType().Name}.");
        }

        if (!executed.IsSuccess)
        {
            return executed;
        }

        // Most executors leave their sender alone; the record decoded before still holds then.
        var after = state.Wrote(senderKey) ? FindPlayer(state, senderKey) : sender;
        if (after is null)
        {
            return Result.Fail(LedgerErrors.ExecutorFault, $"The executor of {tx.Type} removed its own sender '{tx.Sender}'.");
        }

        var updated = after with { Sequence = tx.Sequence };
        var encoded = updated.Encode();
        state.Set(senderKey, encoded);
        _players[senderKey] = (encoded, updated);
        output = context.Output;
        return Result.Success;
    }

    private PlayerRecord? FindPlayer(IStateReader state, PlayerId id) => FindPlayer(state, PlayerRecord.StateKey(id));

    private PlayerRecord? FindPlayer(IStateReader state, string key)
    {
        if (!state.TryGet(key, out var bytes))
        {
            return null;
        }

        if (_players.TryGetValue(key, out var cached) && ReferenceEquals(cached.Bytes, bytes))
        {
            return cached.Record;
        }

        var record = PlayerRecord.Decode(bytes);
        _players[key] = (bytes, record);
        return record;
    }

    /// <summary>The key that must have signed a transaction of <paramref name="sender"/>: none for an unknown or passive sender.</summary>
    private static Ed25519PublicKey? SigningKey(PlayerRecord? sender) =>
        sender is { Mode: PlayerMode.Active } ? sender.PublicKey : null;
}
