using System.Collections.Immutable;
using Flecs.Core.Identity;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Encoding;
using Flecs.Ledger.Proofs;
using Flecs.Ledger.Transactions;
using Flecs.Testing;

namespace Flecs.Ledger.Tests.Proofs;

public sealed class TransactionProofTests
{
    private static readonly Ed25519SignatureVerifier Verifier = new();

    [Fact]
    public void Verify_AcceptedTransaction_ProvesItsAcceptedReceiptWithGenesisOnly()
    {
        var (chain, accepted, _, _) = ProofChains.FourBlocks();
        var proof = ProofBuilder.ForTransaction(chain.Store, chain.Genesis, accepted.Id).Value;

        var proven = proof.Verify(chain.Genesis, Verifier);

        Assert.True(proven.IsSuccess, proven.Error?.ToString());
        Assert.Equal(new ProvenTransaction(accepted.Id, Receipt.Accepted(accepted.Id), 2, 0, 4, chain.Chain.HeadHash), proven.Value);
    }

    [Fact]
    public void Verify_RejectedTransaction_ProvesItsRejectionCode()
    {
        var (chain, _, rejected, _) = ProofChains.FourBlocks();
        var proof = ProofBuilder.ForTransaction(chain.Store, chain.Genesis, rejected.Id).Value;

        var proven = proof.Verify(chain.Genesis, Verifier);

        Assert.True(proven.IsSuccess, proven.Error?.ToString());
        Assert.Equal(Receipt.Rejected(rejected.Id, LedgerErrors.BadSignature), proven.Value.Receipt);
        Assert.Equal((2L, 1), (proven.Value.Height, proven.Value.Position));
    }

    [Fact]
    public void Verify_TransactionInTheHeadBlock_NeedsNoHistoryPath()
    {
        var (chain, _, _, inHead) = ProofChains.FourBlocks();
        var proof = ProofBuilder.ForTransaction(chain.Store, chain.Genesis, inHead.Id).Value;

        var proven = proof.Verify(chain.Genesis, Verifier);

        Assert.Empty(proof.HistoryPath);
        Assert.True(proven.IsSuccess, proven.Error?.ToString());
        Assert.Equal((4L, 4L), (proven.Value.Height, proven.Value.HeadHeight));
    }

    [Fact]
    public void Verify_EveryTransactionOfTheChain_Verifies()
    {
        var (chain, _, _, _) = ProofChains.FourBlocks();
        var ids = chain.Blocks.Skip(1).SelectMany(b => b.Block.Receipts.Select(r => r.TransactionId)).ToList();

        var proven = ids.Select(id => ProofBuilder.ForTransaction(chain.Store, chain.Genesis, id).Value.Verify(chain.Genesis, Verifier)).ToList();

        Assert.All(proven, p => Assert.True(p.IsSuccess, p.Error?.ToString()));
        Assert.Equal(ids, proven.Select(p => p.Value.TransactionId));
    }

    [Theory]
    [InlineData("transaction-byte")]
    [InlineData("transaction-from-another-block")]
    [InlineData("receipt-accepted-instead-of-rejected")]
    [InlineData("receipt-not-cbor")]
    [InlineData("transaction-path-element")]
    [InlineData("transaction-path-dropped")]
    [InlineData("receipt-path-element")]
    [InlineData("history-path-element")]
    [InlineData("genesis-path-element")]
    [InlineData("head-seal-byte")]
    [InlineData("head-seal-by-a-non-validator")]
    [InlineData("position")]
    [InlineData("block-header-field")]
    [InlineData("head-header-field")]
    [InlineData("head-header-is-the-block-header")]
    public void Verify_TamperedProof_Invalid(string tamper)
    {
        var (chain, _, rejected, _) = ProofChains.FourBlocks();
        var proof = ProofBuilder.ForTransaction(chain.Store, chain.Genesis, rejected.Id).Value;
        var tampered = tamper switch
        {
            "transaction-byte" => proof with { Transaction = Flip(proof.Transaction, 20) },
            "transaction-from-another-block" => proof with { Transaction = chain.Blocks[3].Block.Transactions[0] },
            "receipt-accepted-instead-of-rejected" => proof with { Receipt = Receipt.Accepted(rejected.Id).Encode() },
            "receipt-not-cbor" => proof with { Receipt = Flip(proof.Receipt, 0) },
            "transaction-path-element" => proof with { TransactionPath = FlipFirst(proof.TransactionPath) },
            "transaction-path-dropped" => proof with { TransactionPath = [] },
            "receipt-path-element" => proof with { ReceiptPath = FlipFirst(proof.ReceiptPath) },
            "history-path-element" => proof with { HistoryPath = FlipFirst(proof.HistoryPath) },
            "genesis-path-element" => proof with { GenesisPath = FlipFirst(proof.GenesisPath) },
            "head-seal-byte" => proof with { HeadSeal = Flip(proof.HeadSeal, 5) },
            "head-seal-by-a-non-validator" => Resealed(proof, chain["genco"]),
            "position" => proof with { Position = proof.Position + 1 },
            "block-header-field" => proof with { BlockHeader = (BlockHeader.Decode(proof.BlockHeader).Value with { TimestampMs = 1 }).Encode() },
            "head-header-field" => proof with { HeadHeader = (BlockHeader.Decode(proof.HeadHeader).Value with { TimestampMs = 1 }).Encode() },
            "head-header-is-the-block-header" => proof with { HeadHeader = proof.BlockHeader, HeadSeal = chain.Blocks[2].Block.Seal },
            _ => throw new ArgumentOutOfRangeException(nameof(tamper), tamper, "Unknown tamper."),
        };

        var proven = tampered.Verify(chain.Genesis, Verifier);

        Assert.Equal(ProofEncoding.InvalidProof, proven.Error?.Code);
    }

    [Fact]
    public void Verify_AgainstAnotherGenesis_Invalid()
    {
        var (chain, accepted, _, _) = ProofChains.FourBlocks();
        var proof = ProofBuilder.ForTransaction(chain.Store, chain.Genesis, accepted.Id).Value;

        var proven = proof.Verify(chain.Genesis with { TimestampMs = chain.Genesis.TimestampMs + 1 }, Verifier);

        Assert.Equal(ProofEncoding.InvalidProof, proven.Error?.Code);
    }

    [Fact]
    public void EncodeThenDecode_EveryProofOfTheChain_RoundTripsAndVerifies()
    {
        var (chain, _, _, _) = ProofChains.FourBlocks();
        var proofs = chain.Blocks.Skip(1)
            .SelectMany(b => b.Block.Receipts)
            .Select(r => ProofBuilder.ForTransaction(chain.Store, chain.Genesis, r.TransactionId).Value)
            .ToList();

        foreach (var proof in proofs)
        {
            var bytes = proof.Encode();

            var decoded = ProofEncoding.Decode(bytes);

            Assert.True(decoded.IsSuccess, decoded.Error?.ToString());
            var read = Assert.IsType<TransactionProof>(decoded.Value);
            Assert.Equal(bytes, read.Encode());
            Assert.True(read.Verify(chain.Genesis, Verifier).IsSuccess);
        }
    }

    [Fact]
    public void Verify_HeadSealedByValidatorAddedLater_VerifiesWithTheCarriedAuthorization()
    {
        var (chain, inHead) = ProofChains.SealedByAddedValidator();

        var proof = ProofBuilder.ForTransaction(chain.Store, chain.Genesis, inHead.Id).Value;
        var proven = proof.Verify(chain.Genesis, Verifier);

        Assert.True(proven.IsSuccess, proven.Error?.ToString());
        var authorization = Assert.Single(proof.ValidatorAuthorizations);
        Assert.Equal(TransactionType.AddValidator, Transaction.Decode(authorization).Value.Type);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("signed-by-a-player")]
    [InlineData("for-another-validator")]
    [InlineData("for-another-chain")]
    public void Verify_HeadSealedByValidatorAddedLaterWithoutValidAuthorization_Invalid(string authorization)
    {
        var (chain, inHead) = ProofChains.SealedByAddedValidator();
        var proof = ProofBuilder.ForTransaction(chain.Store, chain.Genesis, inHead.Id).Value;
        var v9 = ProofChains.Validator9;
        ImmutableArray<byte[]> authorizations = authorization switch
        {
            "none" => [],
            "signed-by-a-player" => [Transaction.Create(chain.Genesis.ChainId, TransactionType.AddValidator, chain.Sa.Id, 1, 10, Testing.Builders.Payloads.Key(v9.Id, v9.PublicKey), chain["genco"].Signer).Bytes],
            "for-another-validator" => [Transaction.Create(chain.Genesis.ChainId, TransactionType.AddValidator, chain.Sa.Id, 1, 10, Testing.Builders.Payloads.Key(PlayerId.Parse("validator-8"), v9.PublicKey), chain.Sa.Signer).Bytes],
            "for-another-chain" => [Transaction.Create("other-chain", TransactionType.AddValidator, chain.Sa.Id, 1, 10, Testing.Builders.Payloads.Key(v9.Id, v9.PublicKey), chain.Sa.Signer).Bytes],
            _ => throw new ArgumentOutOfRangeException(nameof(authorization), authorization, "Unknown authorization."),
        };

        var proven = (proof with { ValidatorAuthorizations = authorizations }).Verify(chain.Genesis, Verifier);

        Assert.Equal(ProofEncoding.InvalidProof, proven.Error?.Code);
    }

    [Fact]
    public void Verify_HeadSealedByValidatorRemovedAndReaddedWithANewKey_Verifies()
    {
        var chain = Scenario.Market();
        var first = ProofChains.Validator9;
        var second = new TestPlayer(first.Id, TestKeys.Validator(10));
        chain.Append(chain.AddValidator(first.Id, first.PublicKey));
        chain.Append(chain.RemoveValidator(first.Id));
        chain.Append(chain.AddValidator(second.Id, second.PublicKey));
        chain.Sealer = second;
        var tx = chain.Anchor(chain["genco"], "plan");
        Scenario.AssertAllAccepted(chain.Append(tx));

        var proven = ProofBuilder.ForTransaction(chain.Store, chain.Genesis, tx.Id).Value.Verify(chain.Genesis, Verifier);

        Assert.True(proven.IsSuccess, proven.Error?.ToString());
    }

    [Fact]
    public void ForTransaction_UnknownId_NotFound()
    {
        var (chain, _, _, _) = ProofChains.FourBlocks();

        var proof = ProofBuilder.ForTransaction(chain.Store, chain.Genesis, chain.Chain.HeadHash);

        Assert.Equal(ProofBuilder.NotFound, proof.Error?.Code);
    }

    [Fact]
    public void ForTransaction_GenesisDocument_NotFound()
    {
        var (chain, _, _, _) = ProofChains.FourBlocks();
        var genesisDocument = chain.Store.ReadBlock(0)!.Transactions[0].Id;

        var proof = ProofBuilder.ForTransaction(chain.Store, chain.Genesis, genesisDocument);

        Assert.Equal(ProofBuilder.NotFound, proof.Error?.Code);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("unknown-tag")]
    [InlineData("wrong-length-for-tag")]
    [InlineData("trailing-byte")]
    public void Decode_NotAProof_Malformed(string kind)
    {
        var (chain, accepted, _, _) = ProofChains.FourBlocks();
        var valid = ProofBuilder.ForTransaction(chain.Store, chain.Genesis, accepted.Id).Value.Encode();
        var w = Cbor.NewWriter();
        w.WriteStartArray(kind == "unknown-tag" ? 12 : 2);
        w.WriteTextString(kind == "unknown-tag" ? "flecs-other-proof-v1" : TransactionProof.Tag);
        for (var i = 0; i < (kind == "unknown-tag" ? 11 : 1); i++)
        {
            w.WriteInt32(i);
        }

        w.WriteEndArray();
        byte[] bytes = kind switch
        {
            "garbage" => [0xff, 0x00],
            "trailing-byte" => [.. valid, 0x00],
            _ => w.Encode(),
        };

        var decoded = ProofEncoding.Decode(bytes);

        Assert.Equal(ProofEncoding.MalformedProof, decoded.Error?.Code);
    }

    internal static byte[] Flip(byte[] bytes, int index)
    {
        var copy = bytes.ToArray();
        copy[index] ^= 0x01;
        return copy;
    }

    internal static ImmutableArray<Hash256> FlipFirst(ImmutableArray<Hash256> path)
    {
        Assert.NotEmpty(path);
        return path.SetItem(0, new Hash256(Flip(path[0].ToArray(), 0)));
    }

    private static TransactionProof Resealed(TransactionProof proof, TestPlayer sealer)
    {
        var head = BlockHeader.Decode(proof.HeadHeader).Value with { SealerId = sealer.Id.Value };
        return proof with { HeadHeader = head.Encode(), HeadSeal = BlockSeal.Create(sealer.Signer, head.Hash()) };
    }
}
