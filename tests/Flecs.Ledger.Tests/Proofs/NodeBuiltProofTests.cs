using Flecs.Crypto.Signatures;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Proofs;

namespace Flecs.Ledger.Tests.Proofs;

// Proofs from the SQLite store of a chain built through the real node; its head is sealed by validator-9,
// added by the SA after genesis, so every proof must carry that validator's authorization.
[Trait("Category", "Integration")]
public sealed class NodeBuiltProofTests(NodeBuiltChain built) : IClassFixture<NodeBuiltChain>
{
    private static readonly Ed25519SignatureVerifier Verifier = new();

    [Theory]
    [InlineData("anchor-plan", true, "")]
    [InlineData("forged-anchor", false, LedgerErrors.BadSignature)]
    [InlineData("register-household", true, "")]
    [InlineData("anchor-agreement", true, "")]
    public void ForTransaction_NodeBuiltChain_VerifiesWithTheGenesisFileAlone(string step, bool accepted, string code)
    {
        var genesis = GenesisConfig.Decode(File.ReadAllBytes(built.Directory.Data.GenesisPath)).Value;
        TransactionProof proof;
        using (var store = built.Directory.OpenStore())
        {
            proof = ProofBuilder.ForTransaction(store, genesis, built.Id(step)).Value;
        }

        var proven = ProofEncoding.Decode(proof.Encode()).Value is TransactionProof read ? read.Verify(genesis, Verifier) : default;

        Assert.True(proven.IsSuccess, proven.Error?.ToString());
        Assert.Equal(new Receipt(built.Id(step), accepted, code), proven.Value.Receipt);
        Assert.Equal(built.Height(step), proven.Value.Height);
        Assert.Equal(built.Steps.Count, proven.Value.HeadHeight);
        Assert.Equal(built.NewValidator.Id.Value, BlockHeader.Decode(proof.HeadHeader).Value.SealerId);
        Assert.Single(proof.ValidatorAuthorizations);
    }

    [Fact]
    public void Consistency_EveryPairOfHeights_Verifies()
    {
        var head = (long)built.Steps.Count;
        using var store = built.Directory.OpenStore();
        var pairs = from old in Enumerable.Range(1, (int)head - 1) from @new in Enumerable.Range(old + 1, (int)head - old) select (Old: (long)old, New: (long)@new);

        var results = pairs.Select(p => (p, ProofBuilder.Consistency(store, built.Directory.Genesis, p.Old, p.New).Value.Verify(built.Directory.Genesis, Verifier))).ToList();

        Assert.Equal(head * (head - 1) / 2, results.Count);
        Assert.All(results, r => Assert.True(r.Item2.IsSuccess, $"{r.p}: {r.Item2.Error}"));
    }

    [Fact]
    public void ForTransaction_TransactionRowWithoutItsBlockRow_FailsInsteadOfThrowing()
    {
        using var dir = built.Directory.Clone();
        dir.ExecuteSql("DELETE FROM blocks WHERE height = $h", ("$h", built.Height("anchor-agreement")));
        using var store = dir.OpenStore();

        var proof = ProofBuilder.ForTransaction(store, dir.Genesis, built.Id("anchor-agreement"));

        Assert.False(proof.IsSuccess);
    }
}
