using System.Collections.Immutable;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Crypto.Hashing;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Execution;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Storage;

namespace Flecs.Ledger.Verification;

/// <summary>Replays a stored chain from genesis and checks every byte that carries ledger content.</summary>
/// <remarks>
/// Checks, per block: header decoding, the stored hash against the header, the hash link and height,
/// chain id, timestamp order, validator-set hash, sealer membership and seal, history root, counts and
/// limits, transaction ids against their bytes, both Merkle roots, every signature, and every receipt
/// by re-execution, and each block's logged state writes where the store keeps them. The store's state snapshot must
/// equal the re-executed state at its height, and at the end the stored state must equal it entry for entry.
/// The first failure stops the replay and is reported with its height and code.
/// </remarks>
public static class LedgerVerifier
{
    /// <summary>Verifies the chain in <paramref name="store"/>.</summary>
    /// <param name="store">The store to read.</param>
    /// <param name="verifier">The signature verifier.</param>
    /// <param name="moduleExecutors">Executors of module transaction types (the same set the node runs).</param>
    /// <param name="trustedGenesis">A genesis file obtained out of band; when given, the store's must equal it.</param>
    public static VerificationReport Verify(ILedgerStore store, ISignatureVerifier verifier, IEnumerable<ITransactionExecutor>? moduleExecutors = null, byte[]? trustedGenesis = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(verifier);
        ChainReplay? replay = null;
        long height = 0;
        try
        {
            var begun = ChainReplay.Begin(store, verifier, moduleExecutors, trustedGenesis);
            if (!begun.IsSuccess)
            {
                return Fail(begun.Error.Code, begun.Error.Message, 0, 0, 0, null);
            }

            replay = begun.Value;
            var head = store.HeadHeight;
            var snapshot = store.ReadStateSnapshot();
            for (height = 0; height <= head; height++)
            {
                var applied = height == 0 ? Result.Success : replay.Apply(store.ReadBlock(height), height);
                if (applied.IsSuccess && height == snapshot.Height)
                {
                    applied = replay.CheckState(snapshot.Entries, "snapshot");
                }

                if (!applied.IsSuccess)
                {
                    return replay.Failure(applied.Error, height);
                }
            }

            return replay.Finish(store);
        }
        catch (LedgerStoreException ex)
        {
            return replay?.Failure(new Error(LedgerErrors.StoreCorrupt, ex.Message), height) ?? Fail(LedgerErrors.StoreCorrupt, ex.Message, height, height, 0, null);
        }
    }

    /// <summary>Decodes a stored block and checks what re-execution cannot: the stored hash and ids against the bytes.</summary>
    public static Result<Block> ToBlock(StoredBlock stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var header = BlockHeader.Decode(stored.Header);
        if (!header.IsSuccess)
        {
            return Result<Block>.Fail(header.Error.Code, $"Block {stored.Height}: {header.Error.Message}");
        }

        if (header.Value.Height != stored.Height)
        {
            return Result<Block>.Fail(LedgerErrors.BlockBadHeader, $"The block stored at height {stored.Height} says it is block {header.Value.Height}.");
        }

        var receipts = ImmutableArray.CreateBuilder<Receipt>(stored.Transactions.Length);
        for (var i = 0; i < stored.Transactions.Length; i++)
        {
            var tx = stored.Transactions[i];
            if (Sha256Digest.Hash(tx.Bytes) != tx.Id)
            {
                return Result<Block>.Fail(LedgerErrors.TransactionIdMismatch, $"Transaction {i} of block {stored.Height}: the stored id is not the hash of its bytes.");
            }

            var receipt = Receipt.Decode(tx.Receipt);
            if (!receipt.IsSuccess || receipt.Value.TransactionId != tx.Id)
            {
                return Result<Block>.Fail(LedgerErrors.BlockMalformed, $"Transaction {i} of block {stored.Height}: the receipt is malformed or names another transaction.");
            }

            receipts.Add(receipt.Value);
        }

        var block = new Block(header.Value, stored.Seal, [.. stored.Transactions.Select(t => t.Bytes)], receipts.MoveToImmutable());
        return block.Hash == stored.Hash
            ? block
            : Result<Block>.Fail(LedgerErrors.BlockBadHash, $"The stored hash of block {stored.Height} is not the hash of its header.");
    }

    internal static Result CheckGenesisBlock(StoredBlock? stored, GenesisConfig genesis, byte[] genesisBytes)
    {
        var expected = GenesisBlock.Create(genesis);
        if (stored is null)
        {
            return Result.Fail(LedgerErrors.StoreCorrupt, "Block 0 is missing.");
        }

        var ok = stored.Header.AsSpan().SequenceEqual(expected.Header.Encode())
            && stored.Hash == expected.Hash
            && stored.Seal.Length == 0
            && stored.Transactions.Length == 1
            && stored.Transactions[0].Bytes.AsSpan().SequenceEqual(genesisBytes)
            && stored.Transactions[0].Id == Sha256Digest.Hash(genesisBytes)
            && stored.Transactions[0].Receipt.Length == 0;
        return ok ? Result.Success : Result.Fail(LedgerErrors.BlockBadHeader, "Block 0 is not the block derived from the genesis document.");
    }

    internal static Result CompareState(IReadOnlyList<KeyValuePair<string, byte[]>> stored, IReadOnlyList<KeyValuePair<string, byte[]>> derived)
    {
        var count = Math.Max(stored.Count, derived.Count);
        for (var i = 0; i < count; i++)
        {
            if (i >= stored.Count)
            {
                return Result.Fail(LedgerErrors.StateMismatch, $"The stored state lacks '{derived[i].Key}'.");
            }

            if (i >= derived.Count)
            {
                return Result.Fail(LedgerErrors.StateMismatch, $"The stored state has '{stored[i].Key}', which re-execution does not produce.");
            }

            if (!string.Equals(stored[i].Key, derived[i].Key, StringComparison.Ordinal))
            {
                var first = string.CompareOrdinal(stored[i].Key, derived[i].Key) < 0 ? stored[i].Key : derived[i].Key;
                return Result.Fail(LedgerErrors.StateMismatch, $"The stored and re-executed state differ at key '{first}'.");
            }

            if (!stored[i].Value.AsSpan().SequenceEqual(derived[i].Value))
            {
                return Result.Fail(LedgerErrors.StateMismatch, $"The stored value of '{stored[i].Key}' differs from re-execution.");
            }
        }

        return Result.Success;
    }

    internal static VerificationReport Fail(string code, string message, long badHeight, long blocks, long transactions, Chain? chain) =>
        new(new Error(code, message), badHeight, blocks, transactions, chain?.Head.Height ?? -1, chain?.HeadHash ?? Hash256.Zero);
}
