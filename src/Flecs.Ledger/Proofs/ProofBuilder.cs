using System.Collections.Immutable;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Crypto.Merkle;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Registry;
using Flecs.Ledger.Storage;
using Flecs.Ledger.Transactions;

namespace Flecs.Ledger.Proofs;

/// <summary>Builds proofs from a store for light clients.</summary>
public static class ProofBuilder
{
    /// <summary>The code when the requested transaction or height does not exist.</summary>
    public const string NotFound = "ledger.proof.not-found";

    /// <summary>Builds a proof for transaction <paramref name="id"/> against the current head.</summary>
    public static Result<TransactionProof> ForTransaction(ILedgerStore store, GenesisConfig genesis, Hash256 id)
    {
        ArgumentNullException.ThrowIfNull(store);
        var location = store.FindTransaction(id);
        if (location is null || location.Height == 0)
        {
            return Result<TransactionProof>.Fail(NotFound, $"No transaction {id} in the ledger.");
        }

        var block = store.ReadBlock(location.Height);
        var head = store.ReadBlock(store.HeadHeight);
        if (block is null || head is null || BlockHeader.Decode(head.Header) is not { IsSuccess: true } decodedHead)
        {
            return Result<TransactionProof>.Fail(LedgerErrors.StoreCorrupt, $"The store lacks block {location.Height} or its head; run 'flecs ledger verify'.");
        }

        var headHeader = decodedHead.Value;
        var historyLeaves = HistoryLeaves(store);
        var txLeaves = block.Transactions.Select(t => MerkleTree.LeafHash(t.Bytes)).ToArray();
        var receiptLeaves = block.Transactions.Select(t => MerkleTree.LeafHash(t.Receipt)).ToArray();
        var treeSize = (int)headHeader.Height;
        var history = historyLeaves.Take(treeSize).ToArray();
        return new TransactionProof
        {
            Transaction = block.Transactions[location.Position].Bytes,
            Receipt = block.Transactions[location.Position].Receipt,
            Position = location.Position,
            TransactionPath = MerkleTree.InclusionPath(txLeaves, location.Position),
            ReceiptPath = MerkleTree.InclusionPath(receiptLeaves, location.Position),
            BlockHeader = block.Header,
            HeadHeader = head.Header,
            HeadSeal = head.Seal,
            HistoryPath = location.Height < headHeader.Height ? MerkleTree.InclusionPath(history, location.Height) : [],
            GenesisPath = MerkleTree.InclusionPath(history, 0),
            ValidatorAuthorizations = Authorizations(store, genesis, [headHeader.SealerId]),
        };
    }

    /// <summary>Builds a consistency proof between the sealed heads at <paramref name="oldHeight"/> and <paramref name="newHeight"/>.</summary>
    public static Result<ConsistencyProof> Consistency(ILedgerStore store, GenesisConfig genesis, long oldHeight, long newHeight)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (oldHeight < 1 || oldHeight >= newHeight || newHeight > store.HeadHeight)
        {
            return Result<ConsistencyProof>.Fail(NotFound, $"Heights must satisfy 1 ≤ old < new ≤ head ({store.HeadHeight}); got {oldHeight} and {newHeight}.");
        }

        var old = store.ReadBlock(oldHeight);
        var @new = store.ReadBlock(newHeight);
        if (old is null || @new is null || BlockHeader.Decode(old.Header) is not { IsSuccess: true } oldHeader || BlockHeader.Decode(@new.Header) is not { IsSuccess: true } newHeader)
        {
            return Result<ConsistencyProof>.Fail(LedgerErrors.StoreCorrupt, $"The store lacks block {oldHeight} or {newHeight}; run 'flecs ledger verify'.");
        }

        var history = HistoryLeaves(store).Take(checked((int)newHeight)).ToArray();
        var sealers = new[] { oldHeader.Value.SealerId, newHeader.Value.SealerId };
        return new ConsistencyProof
        {
            OldHeader = old.Header,
            OldSeal = old.Seal,
            NewHeader = @new.Header,
            NewSeal = @new.Seal,
            Path = MerkleTree.ConsistencyPath(history, oldHeight),
            OldHeadPath = MerkleTree.InclusionPath(history, oldHeight),
            GenesisPath = MerkleTree.InclusionPath(history, 0),
            ValidatorAuthorizations = Authorizations(store, genesis, sealers),
        };
    }

    private static Hash256[] HistoryLeaves(ILedgerStore store) => store.ReadBlockHashes().Select(Chain.HistoryLeaf).ToArray();

    /// <summary>Finds every accepted SA <c>add-validator</c> transaction for sealers not in genesis (a scan of the chain; a re-added validator has several).</summary>
    private static ImmutableArray<byte[]> Authorizations(ILedgerStore store, GenesisConfig genesis, IEnumerable<string> sealerIds)
    {
        var wanted = sealerIds
            .Where(s => PlayerId.TryParse(s, out var id) && ValidatorSet.Find(genesis.Validators, id) is null)
            .ToHashSet(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return [];
        }

        var found = ImmutableArray.CreateBuilder<byte[]>();
        for (long h = 1; h <= store.HeadHeight; h++)
        {
            foreach (var stored in store.ReadBlock(h)?.Transactions ?? [])
            {
                var tx = Transaction.Decode(stored.Bytes);
                if (tx.IsSuccess && tx.Value.Type == TransactionType.AddValidator
                    && Receipt.Decode(stored.Receipt) is { IsSuccess: true } receipt && receipt.Value.IsAccepted
                    && Payload.Decode(tx.Value.Payload, PlayerKeyPayload.Read, p => p.Encode()) is { IsSuccess: true } payload
                    && wanted.Contains(payload.Value.Id.Value))
                {
                    found.Add(stored.Bytes);
                }
            }
        }

        return found.ToImmutable();
    }
}
