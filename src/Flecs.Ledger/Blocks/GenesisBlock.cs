using Flecs.Core.Identity;
using Flecs.Crypto.Merkle;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Players;
using Flecs.Ledger.Registry;
using Flecs.Ledger.State;

namespace Flecs.Ledger.Blocks;

/// <summary>Block 0, derived from the genesis document alone, and the state it creates.</summary>
/// <remarks>
/// Block 0 carries the genesis document as its only "transaction" leaf and has no receipts and no
/// seal: it is trusted by its hash, which anyone holding the genesis file recomputes.
/// </remarks>
public static class GenesisBlock
{
    /// <summary>Builds block 0.</summary>
    public static Block Create(GenesisConfig genesis)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        var document = genesis.Encode();
        var header = new BlockHeader
        {
            ChainId = genesis.ChainId,
            Height = 0,
            PreviousHash = Hash256.Zero,
            TimestampMs = genesis.TimestampMs,
            TransactionsRoot = MerkleTree.Root([MerkleTree.LeafHash(document)]),
            ReceiptsRoot = MerkleTree.EmptyRoot,
            HistoryRoot = MerkleTree.EmptyRoot,
            ValidatorSetHash = ValidatorSet.Hash(genesis.Validators),
            SealerId = string.Empty,
            TransactionCount = 1,
        };
        return new Block(header, [], [document], []);
    }

    /// <summary>The state after block 0: the SA as an authorized player, and the first validator set.</summary>
    public static StateOverlay InitialState(GenesisConfig genesis)
    {
        ArgumentNullException.ThrowIfNull(genesis);
        var state = new StateOverlay(new CommittedState());
        var sa = new PlayerRecord(genesis.SupervisingAuthorityId, PlayerRole.SupervisingAuthority, PlayerMode.Active, PlayerStatus.Authorized, genesis.SupervisingAuthorityKey, null, 0, 0);
        state.Set(PlayerRecord.StateKey(sa.Id), sa.Encode());
        ValidatorSetState.Write(state, genesis.Validators);
        return state;
    }
}
