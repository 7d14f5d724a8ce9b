using System.Collections.Immutable;
using Flecs.Core.Identity;
using Flecs.Crypto.Merkle;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Players;
using Flecs.Testing;
using Flecs.Testing.Chains;

namespace Flecs.Ledger.Tests.Blocks;

public sealed class ChainTests
{
    [Theory]
    [InlineData("wrong-height", LedgerErrors.BlockBadParent)]
    [InlineData("wrong-previous-hash", LedgerErrors.BlockBadParent)]
    [InlineData("other-chain-id", LedgerErrors.BlockBadHeader)]
    [InlineData("timestamp-before-parent", LedgerErrors.BlockBadTimestamp)]
    [InlineData("validator-set-hash", LedgerErrors.BlockBadHeader)]
    [InlineData("sealer-not-a-validator", LedgerErrors.BlockUnknownSealer)]
    [InlineData("sealer-not-a-player-id", LedgerErrors.BlockUnknownSealer)]
    [InlineData("seal-byte-flipped", LedgerErrors.BlockBadSeal)]
    [InlineData("seal-by-another-validator-key", LedgerErrors.BlockBadSeal)]
    [InlineData("seal-empty", LedgerErrors.BlockBadSeal)]
    [InlineData("history-root", LedgerErrors.BlockBadHeader)]
    [InlineData("transaction-count", LedgerErrors.BlockBadHeader)]
    [InlineData("receipt-missing", LedgerErrors.BlockBadHeader)]
    [InlineData("transaction-replaced", LedgerErrors.BlockBadHeader)]
    [InlineData("receipt-replaced", LedgerErrors.BlockBadHeader)]
    [InlineData("receipt-replaced-and-roots-resealed", LedgerErrors.ReceiptMismatch)]
    [InlineData("transaction-dropped-receipt-kept-and-resealed", LedgerErrors.BlockBadHeader)]
    public void Validate_TamperedBlock_FailsWithCode(string tamper, string code)
    {
        var chain = Scenario.TwoValidators();
        var genco = chain["genco"];
        var block = chain.Build([chain.Anchor(genco, "a").Bytes, chain.Anchor(genco, "b").Bytes]);
        var head = chain.Chain.Head;
        var tampered = tamper switch
        {
            "wrong-height" => Reseal(chain, block, h => h with { Height = h.Height + 1 }),
            "wrong-previous-hash" => Reseal(chain, block, h => h with { PreviousHash = h.TransactionsRoot }),
            "other-chain-id" => Reseal(chain, block, h => h with { ChainId = "other-chain" }),
            "timestamp-before-parent" => Reseal(chain, block, h => h with { TimestampMs = head.TimestampMs - 1 }),
            "validator-set-hash" => Reseal(chain, block, h => h with { ValidatorSetHash = ValidatorSet.Hash(chain.Genesis.Validators.Take(1).ToArray()) }),
            "sealer-not-a-validator" => Reseal(chain, block, h => h with { SealerId = "genco" }, sealer: genco),
            "sealer-not-a-player-id" => Reseal(chain, block, h => h with { SealerId = "Validator 1" }),
            "seal-byte-flipped" => block with { Seal = Flip(block.Seal, 10) },
            "seal-by-another-validator-key" => Reseal(chain, block, h => h, sealer: chain.Validators[1]),
            "seal-empty" => block with { Seal = [] },
            "history-root" => Reseal(chain, block, h => h with { HistoryRoot = h.TransactionsRoot }),
            "transaction-count" => Reseal(chain, block, h => h with { TransactionCount = 1 }),
            "receipt-missing" => block with { Receipts = block.Receipts.RemoveAt(1) },
            "transaction-replaced" => block with { Transactions = block.Transactions.SetItem(1, chain.Anchor(genco, "c").Bytes) },
            "receipt-replaced" => block with { Receipts = block.Receipts.SetItem(1, Receipt.Rejected(block.Receipts[1].TransactionId, LedgerErrors.Expired)) },
            "receipt-replaced-and-roots-resealed" => WithContents(chain, block, block.Transactions, block.Receipts.SetItem(1, Receipt.Rejected(block.Receipts[1].TransactionId, LedgerErrors.Expired))),
            "transaction-dropped-receipt-kept-and-resealed" => WithContents(chain, block, block.Transactions.RemoveAt(1), block.Receipts),
            _ => throw new ArgumentOutOfRangeException(nameof(tamper), tamper, "Unknown tamper."),
        };

        var validated = chain.Validate(tampered);

        Assert.False(validated.IsSuccess);
        Assert.Equal(code, validated.Error.Code);
        Assert.True(chain.Validate(block).IsSuccess);
    }

    [Fact]
    public void Validate_MoreTransactionsThanTheGenesisLimit_TooLarge()
    {
        var chain = A.Chain().WithGenesis(A.Genesis().WithLimits(new LedgerLimits(1024, 2, 4096)).Build()).WithPlayer("genco", PlayerRole.GenerationCompany).Build();
        var genco = chain["genco"];
        var block = chain.Build([chain.Anchor(genco, "a").Bytes, chain.Anchor(genco, "b").Bytes, chain.Anchor(genco, "c").Bytes]);

        var validated = chain.Validate(block);

        Assert.Equal(LedgerErrors.BlockTooLarge, validated.Error?.Code);
    }

    [Fact]
    public void Validate_MoreBytesThanTheGenesisLimit_TooLarge()
    {
        var chain = A.Chain().WithGenesis(A.Genesis().WithLimits(new LedgerLimits(1024, 100, 1024)).Build()).WithPlayer("genco", PlayerRole.GenerationCompany).Build();
        var genco = chain["genco"];
        var block = chain.Build([.. Enumerable.Range(0, 8).Select(i => chain.Anchor(genco, $"doc {i}").Bytes)]);

        var validated = chain.Validate(block);

        Assert.True(block.Transactions.Sum(t => t.Length) > 1024);
        Assert.Equal(LedgerErrors.BlockTooLarge, validated.Error?.Code);
    }

    [Fact]
    public void Build_ClockBehindTheHead_TimestampIsTheHeadTimestamp()
    {
        var chain = Scenario.Market();
        var sealer = chain.Validators[0];

        var (block, _) = chain.Chain.Build([], chain.Chain.Head.TimestampMs - 60_000, sealer.Id, sealer.Signer, _ => false);

        Assert.Equal(chain.Chain.Head.TimestampMs, block.Header.TimestampMs);
        Assert.True(chain.Validate(block).IsSuccess);
    }

    [Fact]
    public void Build_EmptyBlock_IsValidWithEmptyRoots()
    {
        var chain = Scenario.Market();

        var block = chain.AppendRaw();

        Assert.Equal(0, block.Header.TransactionCount);
        Assert.Equal(MerkleTree.EmptyRoot, block.Header.TransactionsRoot);
        Assert.Equal(MerkleTree.EmptyRoot, block.Header.ReceiptsRoot);
    }

    [Fact]
    public void Build_AnyBlock_HeaderCommitsToParentHistoryAndValidators()
    {
        var chain = Scenario.Market();
        chain.Append(chain.Anchor(chain["genco"], "a"));

        var block = chain.Append(chain.Anchor(chain["genco"], "b"));

        var header = block.Header;
        var earlier = chain.Blocks.Take(chain.Blocks.Count - 1).Select(b => Chain.HistoryLeaf(b.Block.Hash)).ToArray();
        Assert.Equal(chain.Blocks[^2].Block.Hash, header.PreviousHash);
        Assert.Equal(MerkleTree.Root(earlier), header.HistoryRoot);
        Assert.Equal(ValidatorSet.Hash(chain.Genesis.Validators), header.ValidatorSetHash);
        Assert.Equal(Chain.RootOf(block.Transactions), header.TransactionsRoot);
        Assert.Equal(Chain.RootOf(block.Receipts.Select(r => r.Encode())), header.ReceiptsRoot);
        Assert.Equal(chain.Sealer.Id.Value, header.SealerId);
        Assert.True(BlockSeal.Verify(chain.Verifier, chain.Sealer.PublicKey, block.Hash, block.Seal));
    }

    [Fact]
    public void Restore_FromStore_EqualsTheLiveChain()
    {
        var chain = Scenario.Market();
        chain.Append(chain.Anchor(chain["genco"], "a"), chain.AddValidator(PlayerId.Parse("validator-9"), TestKeys.Validator(9).PublicKey));
        var store = chain.Store;
        var head = BlockHeader.Decode(store.ReadBlock(store.HeadHeight)!.Header).Value;

        var restored = Chain.Restore(chain.Genesis, chain.Verifier, null, store.ReadState(), head, store.ReadBlockHashes());

        Assert.Equal(chain.Chain.HeadHash, restored.HeadHash);
        Assert.Equal(chain.Chain.BlockCount, restored.BlockCount);
        Assert.Equal(chain.Chain.Validators, restored.Validators);
        var next = chain.Build([chain.Anchor(chain["genco"], "b").Bytes]);
        Assert.True(restored.Validate(next, store.WasAccepted).IsSuccess);
    }

    [Fact]
    public void FromGenesis_Block0_StateHoldsTheSaAndTheValidators()
    {
        var genesis = A.Genesis().WithValidators(3).Build();

        var chain = Chain.FromGenesis(genesis, new Crypto.Signatures.Ed25519SignatureVerifier());

        Assert.Equal(0, chain.Head.Height);
        Assert.Equal(GenesisBlock.Create(genesis).Hash, chain.HeadHash);
        Assert.Equal(genesis.Validators, chain.Validators);
        Assert.True(chain.State.TryGet(PlayerRecord.StateKey(genesis.SupervisingAuthorityId), out var sa));
        Assert.Equal(
            new PlayerRecord(genesis.SupervisingAuthorityId, PlayerRole.SupervisingAuthority, PlayerMode.Active, PlayerStatus.Authorized, genesis.SupervisingAuthorityKey, null, 0, 0),
            PlayerRecord.Decode(sa));
        Assert.Equal(2, chain.State.Count);
    }

    private static Block Reseal(TestChain chain, Block block, Func<BlockHeader, BlockHeader> change, TestPlayer? sealer = null)
    {
        var header = change(block.Header);
        var by = sealer ?? chain.Sealer;
        return new Block(header, BlockSeal.Create(by.Signer, header.Hash()), block.Transactions, block.Receipts);
    }

    private static Block WithContents(TestChain chain, Block block, ImmutableArray<byte[]> transactions, ImmutableArray<Receipt> receipts)
    {
        var header = block.Header with
        {
            TransactionsRoot = Chain.RootOf(transactions),
            ReceiptsRoot = Chain.RootOf(receipts.Select(r => r.Encode())),
            TransactionCount = transactions.Length,
        };
        return new Block(header, BlockSeal.Create(chain.Sealer.Signer, header.Hash()), transactions, receipts);
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = bytes.ToArray();
        copy[index] ^= 0x01;
        return copy;
    }
}
