using Flecs.Crypto.Signatures;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Proofs;
using Flecs.Ledger.Players;
using Flecs.Testing.Chains;

namespace Flecs.Ledger.Tests.Proofs;

public sealed class ConsistencyProofTests
{
    private static readonly Ed25519SignatureVerifier Verifier = new();

    [Fact]
    public void Verify_EveryPairOfHeights_Verifies()
    {
        var (chain, _, _, _) = ProofChains.FourBlocks();
        var pairs = from old in Enumerable.Range(1, 3) from @new in Enumerable.Range(old + 1, 4 - old) select (Old: (long)old, New: (long)@new);

        foreach (var (old, @new) in pairs)
        {
            var proof = ProofBuilder.Consistency(chain.Store, chain.Genesis, old, @new);

            var verified = proof.Value.Verify(chain.Genesis, Verifier);

            Assert.True(verified.IsSuccess, $"{old} → {@new}: {verified.Error}");
            Assert.Equal((old, @new), verified.Value);
        }
    }

    [Theory]
    [InlineData("path-element")]
    [InlineData("path-dropped")]
    [InlineData("old-head-path-element")]
    [InlineData("genesis-path-element")]
    [InlineData("old-header-field")]
    [InlineData("new-header-field")]
    [InlineData("old-seal-byte")]
    [InlineData("new-seal-byte")]
    [InlineData("swapped")]
    [InlineData("old-header-from-a-fork")]
    public void Verify_TamperedProof_Invalid(string tamper)
    {
        var (chain, _, _, _) = ProofChains.FourBlocks();
        var proof = ProofBuilder.Consistency(chain.Store, chain.Genesis, 2, 4).Value;
        var tampered = tamper switch
        {
            "path-element" => proof with { Path = TransactionProofTests.FlipFirst(proof.Path) },
            "path-dropped" => proof with { Path = [] },
            "old-head-path-element" => proof with { OldHeadPath = TransactionProofTests.FlipFirst(proof.OldHeadPath) },
            "genesis-path-element" => proof with { GenesisPath = TransactionProofTests.FlipFirst(proof.GenesisPath) },
            "old-header-field" => proof with { OldHeader = (BlockHeader.Decode(proof.OldHeader).Value with { TimestampMs = 1 }).Encode() },
            "new-header-field" => proof with { NewHeader = (BlockHeader.Decode(proof.NewHeader).Value with { TimestampMs = 1 }).Encode() },
            "old-seal-byte" => proof with { OldSeal = TransactionProofTests.Flip(proof.OldSeal, 3) },
            "new-seal-byte" => proof with { NewSeal = TransactionProofTests.Flip(proof.NewSeal, 3) },
            "swapped" => proof with { OldHeader = proof.NewHeader, OldSeal = proof.NewSeal, NewHeader = proof.OldHeader, NewSeal = proof.OldSeal },
            "old-header-from-a-fork" => Fork(proof, chain),
            _ => throw new ArgumentOutOfRangeException(nameof(tamper), tamper, "Unknown tamper."),
        };

        var verified = tampered.Verify(chain.Genesis, Verifier);

        Assert.Equal(ProofEncoding.InvalidProof, verified.Error?.Code);
    }

    [Fact]
    public void Verify_AgainstAnotherGenesis_Invalid()
    {
        var (chain, _, _, _) = ProofChains.FourBlocks();
        var proof = ProofBuilder.Consistency(chain.Store, chain.Genesis, 1, 4).Value;

        var verified = proof.Verify(chain.Genesis with { TimestampMs = chain.Genesis.TimestampMs + 1 }, Verifier);

        Assert.Equal(ProofEncoding.InvalidProof, verified.Error?.Code);
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(1, 5)]
    public void Consistency_HeightsOutOfRange_NotFound(long old, long @new)
    {
        var (chain, _, _, _) = ProofChains.FourBlocks();

        var proof = ProofBuilder.Consistency(chain.Store, chain.Genesis, old, @new);

        Assert.Equal(ProofBuilder.NotFound, proof.Error?.Code);
    }

    [Fact]
    public void EncodeThenDecode_Proof_RoundTripsAndVerifies()
    {
        var (chain, _, _, _) = ProofChains.FourBlocks();
        var bytes = ProofBuilder.Consistency(chain.Store, chain.Genesis, 1, 3).Value.Encode();

        var decoded = ProofEncoding.Decode(bytes);

        Assert.True(decoded.IsSuccess, decoded.Error?.ToString());
        var proof = Assert.IsType<ConsistencyProof>(decoded.Value);
        Assert.Equal(bytes, proof.Encode());
        Assert.Equal((1L, 3L), proof.Verify(chain.Genesis, Verifier).Value);
    }

    [Fact]
    public void Verify_HeadsSealedByValidatorAddedLater_VerifiesWithTheCarriedAuthorization()
    {
        var (chain, _) = ProofChains.SealedByAddedValidator();
        var proof = ProofBuilder.Consistency(chain.Store, chain.Genesis, 3, 4).Value;

        var verified = proof.Verify(chain.Genesis, Verifier);
        var withoutAuthorization = (proof with { ValidatorAuthorizations = [] }).Verify(chain.Genesis, Verifier);

        Assert.True(verified.IsSuccess, verified.Error?.ToString());
        Assert.Single(proof.ValidatorAuthorizations);
        Assert.Equal(ProofEncoding.InvalidProof, withoutAuthorization.Error?.Code);
    }

    [Fact]
    public void Verify_OldHeadByGenesisValidatorNewHeadByAddedValidator_Verifies()
    {
        var (chain, _) = ProofChains.SealedByAddedValidator();

        var verified = ProofBuilder.Consistency(chain.Store, chain.Genesis, 1, 4).Value.Verify(chain.Genesis, Verifier);

        Assert.True(verified.IsSuccess, verified.Error?.ToString());
    }

    private static ConsistencyProof Fork(ConsistencyProof proof, TestChain chain)
    {
        // Block 2 of another history: same parent, other contents, sealed by the same validator.
        var fork = TestChain.Create(chain.Genesis);
        var genco = fork.Onboard("genco", PlayerRole.GenerationCompany);
        var block2 = fork.Append(fork.Anchor(genco, "fork"));
        return proof with { OldHeader = block2.Header.Encode(), OldSeal = block2.Seal };
    }
}
