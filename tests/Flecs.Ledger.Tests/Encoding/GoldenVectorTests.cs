using System.Reflection;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Transactions;

namespace Flecs.Ledger.Tests.Encoding;

// The expected values live in TestData/ledger-v1.vectors. Changing one requires a format-version bump
// and an ADR (STYLE.md §7), never an edited expectation.
public sealed class GoldenVectorTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Expected = new(Load);
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Actual = new(GoldenVectors.Compute);

    public static TheoryData<string> Names => [.. Load().Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Encode_FixedInputs_MatchesTheGoldenVector(string name)
    {
        var expected = Expected.Value[name];

        var actual = Actual.Value[name];

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void VectorFile_EveryComputedValue_IsPinned()
    {
        var pinned = Expected.Value.Keys.Order(StringComparer.Ordinal);

        var computed = Actual.Value.Keys.Order(StringComparer.Ordinal);

        Assert.Equal(computed, pinned);
    }

    [Fact]
    public void Decode_GoldenGenesis_ReencodesToTheSameBytes()
    {
        var bytes = Convert.FromHexString(Expected.Value["genesis.cbor"]);

        var genesis = GenesisConfig.Decode(bytes);

        Assert.True(genesis.IsSuccess, genesis.Error?.ToString());
        Assert.Equal(bytes, genesis.Value.Encode());
        Assert.Equal(Expected.Value["block0.hash"], GenesisBlock.Create(genesis.Value).Hash.ToString());
    }

    [Fact]
    public void Decode_GoldenEnvelope_HasTheGoldenIdAndAValidSaSignature()
    {
        var bytes = Convert.FromHexString(Expected.Value["tx.register.envelope"]);

        var tx = Transaction.Decode(bytes);

        Assert.True(tx.IsSuccess, tx.Error?.ToString());
        Assert.Equal(Expected.Value["tx.register.id"], tx.Value.Id.ToString());
        Assert.Equal(TransactionType.RegisterPlayer, tx.Value.Type);
        Assert.True(tx.Value.HasValidSignature(new Ed25519SignatureVerifier(), GoldenVectors.Genesis().SupervisingAuthorityKey));
    }

    [Fact]
    public void Decode_GoldenHeader_HashIsTheGoldenBlockHashAndTheSealVerifies()
    {
        var bytes = Convert.FromHexString(Expected.Value["block1.header"]);

        var header = BlockHeader.Decode(bytes);

        Assert.True(header.IsSuccess, header.Error?.ToString());
        Assert.Equal(Expected.Value["block1.hash"], header.Value.Hash().ToString());
        Assert.Equal(Expected.Value["block0.hash"], header.Value.PreviousHash.ToString());
        var validator = GoldenVectors.Genesis().Validators[0].PublicKey;
        Assert.True(BlockSeal.Verify(new Ed25519SignatureVerifier(), validator, header.Value.Hash(), Convert.FromHexString(Expected.Value["block1.seal"])));
    }

    [Fact]
    public void Decode_GoldenReceipts_AreAcceptedAndRejectedPending()
    {
        var accepted = Receipt.Decode(Convert.FromHexString(Expected.Value["block1.receipt.0"]));
        var rejected = Receipt.Decode(Convert.FromHexString(Expected.Value["block1.receipt.1"]));

        Assert.True(accepted.Value.IsAccepted);
        Assert.Equal(Expected.Value["tx.register.id"], accepted.Value.TransactionId.ToString());
        Assert.Equal(Receipt.Rejected(rejected.Value.TransactionId, LedgerErrors.PendingSender), rejected.Value);
        Assert.Equal(Expected.Value["tx.anchor.id"], rejected.Value.TransactionId.ToString());
    }

    private static Dictionary<string, string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("TestData/ledger-v1.vectors")
            ?? throw new InvalidOperationException("The embedded resource TestData/ledger-v1.vectors is missing.");
        using var reader = new StreamReader(stream);
        var vectors = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var parts = line.Split(" = ", 2);
            vectors.Add(parts[0].Trim(), parts[1].Trim());
        }

        return vectors;
    }
}
