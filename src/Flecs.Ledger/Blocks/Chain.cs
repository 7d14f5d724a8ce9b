using System.Collections.Immutable;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Crypto.Merkle;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Execution;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Registry;
using Flecs.Ledger.State;

namespace Flecs.Ledger.Blocks;

/// <summary>The chain as one node knows it: genesis, head, committed state and the history tree; builds, validates and commits blocks.</summary>
/// <remarks>
/// The same code builds a block on the sequencer and re-validates it on replay (<c>flecs ledger verify</c>)
/// or on a follower: <see cref="Build"/> and <see cref="Validate"/> both run <see cref="BlockExecutor.Execute"/>.
/// Not thread-safe for writers: one sequencer owns a chain; <see cref="State"/> may be read concurrently.
/// </remarks>
public sealed class Chain
{
    private readonly ISignatureVerifier _verifier;
    private readonly MerkleFrontier _history;

    private Chain(GenesisConfig genesis, ISignatureVerifier verifier, IEnumerable<ITransactionExecutor>? moduleExecutors, CommittedState state, MerkleFrontier history, BlockHeader head)
    {
        Genesis = genesis;
        _verifier = verifier;
        Executor = new BlockExecutor(genesis, verifier, moduleExecutors);
        State = state;
        _history = history;
        Head = head;
        HeadHash = head.Hash();
        Validators = ValidatorSetState.Read(state);
    }

    /// <summary>The genesis document.</summary>
    public GenesisConfig Genesis { get; }

    /// <summary>The state machine.</summary>
    public BlockExecutor Executor { get; }

    /// <summary>The state after the head block.</summary>
    public CommittedState State { get; }

    /// <summary>The head block's header.</summary>
    public BlockHeader Head { get; private set; }

    /// <summary>The head block's hash.</summary>
    public Hash256 HeadHash { get; private set; }

    /// <summary>The validator set that seals the next block.</summary>
    public ImmutableArray<ValidatorInfo> Validators { get; private set; }

    /// <summary>The number of blocks (head height + 1): the size of the history tree after the head.</summary>
    public long BlockCount => _history.Count;

    /// <summary>Starts a chain at block 0 (already committed by the caller).</summary>
    public static Chain FromGenesis(GenesisConfig genesis, ISignatureVerifier verifier, IEnumerable<ITransactionExecutor>? moduleExecutors = null)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        var block = GenesisBlock.Create(genesis);
        var state = new CommittedState();
        state.Apply(GenesisBlock.InitialState(genesis).SortedWrites());
        var history = new MerkleFrontier();
        history.Append(HistoryLeaf(block.Hash));
        return new Chain(genesis, verifier, moduleExecutors, state, history, block.Header);
    }

    /// <summary>Restores a chain from a store: its state entries, head header and all block hashes in height order.</summary>
    public static Chain Restore(GenesisConfig genesis, ISignatureVerifier verifier, IEnumerable<ITransactionExecutor>? moduleExecutors, IEnumerable<KeyValuePair<string, byte[]>> state, BlockHeader head, IEnumerable<Hash256> blockHashes)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(blockHashes);
        var committed = new CommittedState();
        committed.Apply(state.Select(e => new KeyValuePair<string, byte[]?>(e.Key, e.Value)));
        var history = new MerkleFrontier();
        foreach (var hash in blockHashes)
        {
            history.Append(HistoryLeaf(hash));
        }

        return new Chain(genesis, verifier, moduleExecutors, committed, history, head);
    }

    /// <summary>Builds and seals the next block from <paramref name="transactions"/>.</summary>
    public (Block Block, BlockOutcome Outcome) Build(IReadOnlyList<TransactionCandidate> transactions, long nowMs, PlayerId sealerId, ISigner sealer, Func<Hash256, bool> wasAcceptedBefore)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        ArgumentNullException.ThrowIfNull(sealer);
        var height = checked(Head.Height + 1);
        var timestamp = Math.Max(nowMs, Head.TimestampMs);
        var outcome = Executor.Execute(State, height, timestamp, transactions, wasAcceptedBefore);
        var header = new BlockHeader
        {
            ChainId = Genesis.ChainId,
            Height = height,
            PreviousHash = HeadHash,
            TimestampMs = timestamp,
            TransactionsRoot = RootOf(transactions.Select(t => t.Bytes)),
            ReceiptsRoot = RootOf(outcome.Receipts.Select(r => r.Encode())),
            HistoryRoot = _history.Root(),
            ValidatorSetHash = ValidatorSet.Hash(Validators),
            SealerId = sealerId.Value,
            TransactionCount = transactions.Count,
        };
        var hash = header.Hash();
        var block = new Block(header, BlockSeal.Create(sealer, hash), [.. transactions.Select(t => t.Bytes)], outcome.Receipts);
        return (block, outcome);
    }

    /// <summary>Validates <paramref name="block"/> as the next block and re-executes it; the outcome's receipts equal the block's when valid.</summary>
    /// <param name="block">The block.</param>
    /// <param name="wasAcceptedBefore">Whether a transaction id was accepted in an earlier block.</param>
    /// <param name="preverify">When true, signatures are checked in parallel before the sequential apply.</param>
    public Result<BlockOutcome> Validate(Block block, Func<Hash256, bool> wasAcceptedBefore, bool preverify = true)
    {
        ArgumentNullException.ThrowIfNull(block);
        var h = block.Header;
        if (h.Height != Head.Height + 1 || h.PreviousHash != HeadHash)
        {
            return Fail(LedgerErrors.BlockBadParent, $"Block {h.Height} does not extend head {Head.Height} ({HeadHash}).");
        }

        if (!string.Equals(h.ChainId, Genesis.ChainId, StringComparison.Ordinal))
        {
            return Fail(LedgerErrors.BlockBadHeader, $"Block {h.Height} names chain '{h.ChainId}'.");
        }

        if (h.TimestampMs < Head.TimestampMs)
        {
            return Fail(LedgerErrors.BlockBadTimestamp, $"Block {h.Height} is timestamped before its parent.");
        }

        if (h.ValidatorSetHash != ValidatorSet.Hash(Validators))
        {
            return Fail(LedgerErrors.BlockBadHeader, $"Block {h.Height} names a validator set other than the one in force.");
        }

        if (!PlayerId.TryParse(h.SealerId, out var sealerId) || ValidatorSet.Find(Validators, sealerId) is not { } sealer)
        {
            return Fail(LedgerErrors.BlockUnknownSealer, $"Block {h.Height} is sealed by '{h.SealerId}', not a validator at this height.");
        }

        if (!BlockSeal.Verify(_verifier, sealer.PublicKey, block.Hash, block.Seal))
        {
            return Fail(LedgerErrors.BlockBadSeal, $"The seal of block {h.Height} does not verify with the key of '{sealerId}'.");
        }

        if (h.HistoryRoot != _history.Root())
        {
            return Fail(LedgerErrors.BlockBadHeader, $"Block {h.Height} carries a history root that does not match the chain before it.");
        }

        if (h.TransactionCount != block.Transactions.Length || block.Receipts.Length != block.Transactions.Length)
        {
            return Fail(LedgerErrors.BlockBadHeader, $"Block {h.Height} counts {h.TransactionCount} transactions but holds {block.Transactions.Length} and {block.Receipts.Length} receipts.");
        }

        if (block.Transactions.Length > Genesis.Limits.MaxBlockTransactions || block.Transactions.Sum(t => (long)t.Length) > Genesis.Limits.MaxBlockBytes)
        {
            return Fail(LedgerErrors.BlockTooLarge, $"Block {h.Height} exceeds the genesis block limits.");
        }

        if (h.TransactionsRoot != RootOf(block.Transactions))
        {
            return Fail(LedgerErrors.BlockBadHeader, $"The transactions root of block {h.Height} does not match its transactions.");
        }

        if (h.ReceiptsRoot != RootOf(block.Receipts.Select(r => r.Encode())))
        {
            return Fail(LedgerErrors.BlockBadHeader, $"The receipts root of block {h.Height} does not match its receipts.");
        }

        var candidates = block.Transactions.Select(t => new TransactionCandidate(t)).ToArray();
        if (preverify)
        {
            Parallel.ForEach(candidates, c => Executor.Preverify(c, State));
        }

        var outcome = Executor.Execute(State, h.Height, h.TimestampMs, candidates, wasAcceptedBefore);
        for (var i = 0; i < candidates.Length; i++)
        {
            if (outcome.Receipts[i] != block.Receipts[i])
            {
                return Fail(LedgerErrors.ReceiptMismatch, $"Transaction {i} of block {h.Height} re-executes to {Describe(outcome.Receipts[i])}, but the block records {Describe(block.Receipts[i])}.");
            }
        }

        return outcome;
    }

    /// <summary>Makes <paramref name="block"/> the head, after the caller stored it durably.</summary>
    public void Commit(Block block, BlockOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(outcome);
        State.Apply(outcome.Writes);
        _history.Append(HistoryLeaf(block.Hash));
        Head = block.Header;
        HeadHash = block.Hash;
        Validators = ValidatorSetState.Read(State);
    }

    /// <summary>The history-tree leaf hash of a block: RFC 9162 <c>SHA-256(0x00 ‖ blockHash)</c>.</summary>
    public static Hash256 HistoryLeaf(Hash256 blockHash) => MerkleTree.LeafHash(blockHash.ToArray());

    /// <summary>The RFC 9162 root over raw leaves.</summary>
    public static Hash256 RootOf(IEnumerable<byte[]> leaves) => MerkleTree.Root(leaves.Select(l => MerkleTree.LeafHash(l)).ToArray());

    private static string Describe(Receipt r) => r.IsAccepted ? "accepted" : "rejected " + r.Code;

    private static Result<BlockOutcome> Fail(string code, string message) => Result<BlockOutcome>.Fail(code, message);
}
