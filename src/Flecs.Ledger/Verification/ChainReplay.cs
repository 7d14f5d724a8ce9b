using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Execution;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Storage;

namespace Flecs.Ledger.Verification;

/// <summary>
/// The replay behind <see cref="LedgerVerifier"/>, one block at a time: a verifier that can follow a chain while it
/// grows (a simulation verifying as it runs, a follower). <see cref="Begin"/> checks genesis, <see cref="Apply"/> checks
/// and re-executes the next stored block, <see cref="Finish"/> compares the store's counts and state with the replay.
/// </summary>
public sealed class ChainReplay
{
    private readonly Chain _chain;
    private readonly HashSet<Hash256> _accepted = [];

    private ChainReplay(Chain chain) => _chain = chain;

    /// <summary>Transactions replayed so far.</summary>
    public long Transactions { get; private set; }

    /// <summary>The last replayed block's height (0 after <see cref="Begin"/>).</summary>
    public long Height => _chain.Head.Height;

    /// <summary>Checks the store's genesis document and block 0 (against <paramref name="trustedGenesis"/> when given) and starts a replay.</summary>
    /// <exception cref="LedgerStoreException">The store cannot be read.</exception>
    public static Result<ChainReplay> Begin(ILedgerStore store, ISignatureVerifier verifier, IEnumerable<ITransactionExecutor>? moduleExecutors = null, byte[]? trustedGenesis = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(verifier);
        var genesisBytes = store.ReadGenesis();
        if (genesisBytes is null)
        {
            return Result<ChainReplay>.Fail(LedgerErrors.StoreCorrupt, "The store holds no genesis document.");
        }

        if (trustedGenesis is not null && !trustedGenesis.AsSpan().SequenceEqual(genesisBytes))
        {
            return Result<ChainReplay>.Fail(LedgerErrors.GenesisInvalid, "The store's genesis differs from the trusted genesis file.");
        }

        var genesis = GenesisConfig.Decode(genesisBytes);
        if (!genesis.IsSuccess)
        {
            return genesis.Error;
        }

        var genesisCheck = LedgerVerifier.CheckGenesisBlock(store.ReadBlock(0), genesis.Value, genesisBytes);
        if (!genesisCheck.IsSuccess)
        {
            return genesisCheck.Error;
        }

        return new ChainReplay(Chain.FromGenesis(genesis.Value, verifier, moduleExecutors?.ToArray() ?? []));
    }

    /// <summary>Checks and re-executes the stored block at <paramref name="height"/> (the next one).</summary>
    public Result Apply(StoredBlock? stored, long height)
    {
        if (stored is null)
        {
            return Result.Fail(LedgerErrors.StoreCorrupt, $"Block {height} is missing.");
        }

        var block = LedgerVerifier.ToBlock(stored);
        if (!block.IsSuccess)
        {
            return block.Error;
        }

        var outcome = _chain.Validate(block.Value, _accepted.Contains);
        if (!outcome.IsSuccess)
        {
            return outcome.Error;
        }

        if (stored.StateWrites is { } logged && !logged.AsSpan().SequenceEqual(StateWriteLog.Encode(outcome.Value.Writes)))
        {
            return Result.Fail(LedgerErrors.StateMismatch, $"The state writes the store logged for block {height} differ from re-execution.");
        }

        _chain.Commit(block.Value, outcome.Value);
        foreach (var receipt in block.Value.Receipts)
        {
            if (receipt.IsAccepted)
            {
                _accepted.Add(receipt.TransactionId);
            }
        }

        Transactions += block.Value.Transactions.Length;
        return Result.Success;
    }

    /// <summary>After the last block: the store must hold exactly the replayed blocks and transactions, and the re-executed state.</summary>
    /// <exception cref="LedgerStoreException">The store cannot be read.</exception>
    public VerificationReport Finish(ILedgerStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var head = Height;
        var (blockRows, transactionRows, _) = store.Count();
        if (blockRows != head + 1 || transactionRows != Transactions)
        {
            return LedgerVerifier.Fail(LedgerErrors.StoreCorrupt, $"The store holds {blockRows} block rows and {transactionRows} transaction rows outside genesis; the chain to head {head} has {head + 1} and {Transactions}.", head + 1, head + 1, Transactions, _chain);
        }

        var stateCheck = LedgerVerifier.CompareState(store.ReadState(), _chain.State.Snapshot());
        if (!stateCheck.IsSuccess)
        {
            return LedgerVerifier.Fail(stateCheck.Error.Code, stateCheck.Error.Message, head, head + 1, Transactions, _chain);
        }

        return new VerificationReport(null, -1, head + 1, Transactions, _chain.Head.Height, _chain.HeadHash);
    }

    /// <summary>Compares <paramref name="stored"/> (ordered by key) with the replayed state after the last applied block.</summary>
    /// <param name="stored">The stored entries.</param>
    /// <param name="what">What they are, for the message (the store's snapshot, its state).</param>
    public Result CheckState(IReadOnlyList<KeyValuePair<string, byte[]>> stored, string what)
    {
        var check = LedgerVerifier.CompareState(stored, _chain.State.Snapshot());
        return check.IsSuccess ? check : Result.Fail(check.Error.Code, $"The stored state {what} at height {Height}: {check.Error.Message}");
    }

    /// <summary>The report of a failure at <paramref name="height"/>.</summary>
    public VerificationReport Failure(Error error, long height)
    {
        ArgumentNullException.ThrowIfNull(error);
        return LedgerVerifier.Fail(error.Code, error.Message, height, height, Transactions, _chain);
    }
}
