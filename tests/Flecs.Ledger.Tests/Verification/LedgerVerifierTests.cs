using Flecs.Core.Identity;
using Flecs.Crypto.Hashing;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Encoding;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Players;
using Flecs.Ledger.Registry;
using Flecs.Ledger.Storage;
using Flecs.Ledger.Verification;
using Flecs.Testing.Builders;
using Flecs.Testing.Hosting;

namespace Flecs.Ledger.Tests.Verification;

[Trait("Category", "Integration")]
public sealed class LedgerVerifierTests(NodeBuiltChain built) : IClassFixture<NodeBuiltChain>
{
    private static readonly Ed25519SignatureVerifier Verifier = new();

    [Fact]
    public void NodeBuiltChain_Steps_HaveTheExpectedReceipts()
    {
        var codes = built.Steps.ToDictionary(s => s.Key, s => s.Value.IsAccepted ? "accepted" : s.Value.RejectionCode);

        Assert.Equal(LedgerErrors.BadSignature, codes["forged-anchor"]);
        Assert.All(codes.Where(c => c.Key != "forged-anchor"), c => Assert.Equal("accepted", c.Value));
        Assert.Equal(Enumerable.Range(1, built.Steps.Count).Select(i => (long)i), built.Steps.Values.Select(s => s.Height).Order());
    }

    [Fact]
    public void Verify_UntouchedNodeBuiltChain_IsValid()
    {
        using var store = built.Directory.OpenStore();

        var report = LedgerVerifier.Verify(store, Verifier, trustedGenesis: built.Directory.Genesis.Encode());

        Assert.True(report.IsValid, report.Error?.ToString());
        Assert.Equal(-1, report.FirstBadHeight);
        Assert.Equal(built.Steps.Count + 1, report.BlocksVerified);
        Assert.Equal(built.Steps.Count, report.TransactionsVerified);
        Assert.Equal(built.Steps.Count, report.HeadHeight);
        Assert.Equal(store.ReadBlockHashes()[^1], report.HeadHash);
    }

    [Theory]
    [InlineData("tx-body-byte", LedgerErrors.TransactionIdMismatch)]
    [InlineData("tx-body-byte-and-id", LedgerErrors.BlockMalformed)]
    [InlineData("tx-body-byte-id-and-receipt", LedgerErrors.BlockBadHeader)]
    [InlineData("tx-id", LedgerErrors.TransactionIdMismatch)]
    [InlineData("receipt-byte", LedgerErrors.BlockMalformed)]
    [InlineData("receipt-for-another-tx", LedgerErrors.BlockMalformed)]
    [InlineData("receipt-says-rejected", LedgerErrors.BlockBadHeader)]
    [InlineData("header-timestamp", LedgerErrors.BlockBadHash)]
    [InlineData("header-timestamp-and-hash", LedgerErrors.BlockBadSeal)]
    [InlineData("header-not-cbor", LedgerErrors.BlockMalformed)]
    [InlineData("hash-column", LedgerErrors.BlockBadHash)]
    [InlineData("seal-byte", LedgerErrors.BlockBadSeal)]
    [InlineData("transaction-row-deleted", LedgerErrors.BlockBadHeader)]
    [InlineData("transaction-row-added", LedgerErrors.BlockBadHeader)]
    [InlineData("block-row-deleted", LedgerErrors.StoreCorrupt)]
    public void Verify_BlockContentModifiedInSqlite_ReportsFirstBadHeightAndCode(string tamper, string code)
    {
        using var dir = built.Directory.Clone();
        var height = built.Height("anchor-plan");
        var stored = ReadBlock(dir, height);
        var tx = stored.Transactions[0];
        var changedBody = Flip(tx.Bytes, tx.Bytes.Length / 2);
        var header = BlockHeader.Decode(stored.Header).Value;
        var laterHeader = header with { TimestampMs = header.TimestampMs + 1 };
        const string Tx = "UPDATE transactions SET {0} WHERE height = $h AND position = 0";
        var changed = tamper switch
        {
            "tx-body-byte" => dir.ExecuteSql(string.Format(null, Tx, "body = $v"), ("$h", height), ("$v", changedBody)),
            "tx-body-byte-and-id" => dir.ExecuteSql(string.Format(null, Tx, "body = $v, id = $id"), ("$h", height), ("$v", changedBody), ("$id", Sha256Digest.Hash(changedBody).ToArray())),
            "tx-body-byte-id-and-receipt" => dir.ExecuteSql(
                string.Format(null, Tx, "body = $v, id = $id, receipt = $r"),
                ("$h", height),
                ("$v", changedBody),
                ("$id", Sha256Digest.Hash(changedBody).ToArray()),
                ("$r", Receipt.Accepted(Sha256Digest.Hash(changedBody)).Encode())),
            "tx-id" => dir.ExecuteSql(string.Format(null, Tx, "id = $id"), ("$h", height), ("$id", Flip(tx.Id.ToArray(), 0))),
            "receipt-byte" => dir.ExecuteSql(string.Format(null, Tx, "receipt = $v"), ("$h", height), ("$v", Flip(tx.Receipt, tx.Receipt.Length - 1))),
            "receipt-for-another-tx" => dir.ExecuteSql(string.Format(null, Tx, "receipt = $v"), ("$h", height), ("$v", Receipt.Accepted(built.Id("anchor-agreement")).Encode())),
            "receipt-says-rejected" => dir.ExecuteSql(string.Format(null, Tx, "receipt = $v"), ("$h", height), ("$v", Receipt.Rejected(tx.Id, LedgerErrors.Expired).Encode())),
            "header-timestamp" => dir.ExecuteSql("UPDATE blocks SET header = $v WHERE height = $h", ("$h", height), ("$v", laterHeader.Encode())),
            "header-timestamp-and-hash" => dir.ExecuteSql("UPDATE blocks SET header = $v, hash = $hash WHERE height = $h", ("$h", height), ("$v", laterHeader.Encode()), ("$hash", laterHeader.Hash().ToArray())),
            "header-not-cbor" => dir.ExecuteSql("UPDATE blocks SET header = $v WHERE height = $h", ("$h", height), ("$v", stored.Header[..^1])),
            "hash-column" => dir.ExecuteSql("UPDATE blocks SET hash = $v WHERE height = $h", ("$h", height), ("$v", Flip(stored.Hash.ToArray(), 31))),
            "seal-byte" => dir.ExecuteSql("UPDATE blocks SET seal = $v WHERE height = $h", ("$h", height), ("$v", Flip(stored.Seal, 0))),
            "transaction-row-deleted" => dir.ExecuteSql("DELETE FROM transactions WHERE height = $h AND position = 0", ("$h", height)),
            "transaction-row-added" => dir.ExecuteSql(
                "INSERT INTO transactions(height, position, id, body, receipt) VALUES ($h, 1, $id, $v, $r)",
                ("$h", height),
                ("$id", tx.Id.ToArray()),
                ("$v", tx.Bytes),
                ("$r", Receipt.Rejected(tx.Id, LedgerErrors.Duplicate).Encode())),
            "block-row-deleted" => dir.ExecuteSql("DELETE FROM blocks WHERE height = $h", ("$h", height)),
            _ => throw new ArgumentOutOfRangeException(nameof(tamper), tamper, "Unknown tamper."),
        };

        var report = Verify(dir);

        Assert.Equal(1, changed);
        Assert.False(report.IsValid);
        Assert.Equal(code, report.Error?.Code);
        Assert.Equal(height, report.FirstBadHeight);
        Assert.Equal(height - 1, report.HeadHeight);
    }

    [Theory]
    [InlineData("value-changed")]
    [InlineData("row-deleted")]
    [InlineData("row-added")]
    [InlineData("validator-set-changed")]
    public void Verify_StateSnapshotModifiedInSqlite_ReportsStateMismatchAtTheSnapshotHeight(string tamper)
    {
        using var dir = built.Directory.Clone();
        // As the node does once the log has grown: the state after the head becomes the snapshot.
        using (var store = Flecs.Storage.Sqlite.SqliteLedgerStore.Open(dir.Data.StorePath, create: false, snapshotAfterLogBytes: 1))
        {
            var head = store.ReadState();
            Assert.True(store.CompactIfDue(() => head));
        }

        var snapshotHeight = StateSnapshotHeight(dir);
        Assert.Equal(built.Steps.Count, snapshotHeight);
        var genco = PlayerRecord.StateKey(PlayerId.Parse("genco"));
        var record = PlayerRecord.Decode(ReadState(dir, genco));
        var changed = tamper switch
        {
            "value-changed" => dir.ExecuteSql("UPDATE state SET value = $v WHERE key = $k", ("$k", genco), ("$v", (record with { Status = PlayerStatus.Suspended }).Encode())),
            "row-deleted" => dir.ExecuteSql("DELETE FROM state WHERE key = $k", ("$k", genco)),
            "row-added" => dir.ExecuteSql("INSERT INTO state(key, value) VALUES ($k, $v)", ("$k", "player/mallory"), ("$v", (record with { Id = PlayerId.Parse("mallory") }).Encode())),
            "validator-set-changed" => dir.ExecuteSql("UPDATE state SET value = $v WHERE key = $k", ("$k", ValidatorSetState.Key), ("$v", ValidatorSetOf(built.Directory.Genesis))),
            _ => throw new ArgumentOutOfRangeException(nameof(tamper), tamper, "Unknown tamper."),
        };

        var report = Verify(dir);

        Assert.Equal(1, changed);
        Assert.Equal(LedgerErrors.StateMismatch, report.Error?.Code);
        Assert.Equal(snapshotHeight, report.FirstBadHeight);
        Assert.Equal(snapshotHeight, report.HeadHeight);
    }

    [Fact]
    public void Verify_GenesisSnapshotValueChanged_ReportsStateMismatchAtHeightZero()
    {
        using var dir = built.Directory.Clone();
        var changed = dir.ExecuteSql("UPDATE state SET value = $v WHERE key = $k", ("$k", ValidatorSetState.Key), ("$v", Flip(ValidatorSetOf(built.Directory.Genesis), 1)));

        var report = Verify(dir);

        Assert.Equal(0, StateSnapshotHeight(dir));
        Assert.Equal(1, changed);
        Assert.Equal(LedgerErrors.StateMismatch, report.Error?.Code);
        Assert.Equal(0, report.FirstBadHeight);
    }

    [Fact]
    public void Verify_StateLogOfABlockChanged_ReportsStateMismatchAtThatBlock()
    {
        using var dir = built.Directory.Clone();
        var height = built.Height("anchor-agreement");
        var logged = ReadBlock(dir, height).StateWrites!;
        var writes = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        StateWriteLog.ApplyTo(logged, writes);
        var (key, value) = writes.First();
        writes[key] = Flip(value, 0);
        var changed = dir.ExecuteSql("UPDATE state_log SET writes = $w WHERE height = $h", ("$h", height), ("$w", StateWriteLog.Encode([.. writes.Select(e => new KeyValuePair<string, byte[]?>(e.Key, e.Value))])));

        var report = Verify(dir);

        Assert.Equal(1, changed);
        Assert.Equal(LedgerErrors.StateMismatch, report.Error?.Code);
        Assert.Equal(height, report.FirstBadHeight);
    }

    [Fact]
    public void Verify_StateLogRowDeleted_ReportsStoreCorrupt()
    {
        using var dir = built.Directory.Clone();
        var changed = dir.ExecuteSql("DELETE FROM state_log WHERE height = $h", ("$h", built.Height("anchor-agreement")));

        var report = Verify(dir);

        Assert.Equal(1, changed);
        Assert.Equal(LedgerErrors.StoreCorrupt, report.Error?.Code);
    }

    [Fact]
    public void Verify_HeadBlockRowsDeletedLeavingItsStateLog_ReportsStoreCorrupt()
    {
        using var dir = built.Directory.Clone();
        var head = built.Height("anchor-agreement");
        dir.ExecuteSql("DELETE FROM transactions WHERE height = $h", ("$h", head));
        dir.ExecuteSql("DELETE FROM blocks WHERE height = $h", ("$h", head));

        var report = Verify(dir);

        Assert.Equal(LedgerErrors.StoreCorrupt, report.Error?.Code);
        Assert.Equal(head - 1, report.HeadHeight);
    }

    [Fact]
    public async Task Verify_HeadBlockRowDeletedLeavingItsTransactionRows_ReportsTheOrphanRows()
    {
        using var dir = TempDataDirectory.Create();
        await using (var node = dir.OpenNode())
        {
            var ghost = Testing.TestPlayer.Named("ghost");
            var tx = Testing.A.Transaction().From(ghost).Build();
            var submission = await node.SubmitAsync(tx.Bytes, TestContext.Current.CancellationToken);
            Assert.Equal(LedgerErrors.UnknownSender, submission.RejectionCode);
        }

        dir.ExecuteSql("DELETE FROM blocks WHERE height = 1");

        var report = Verify(dir);

        Assert.Equal(LedgerErrors.StoreCorrupt, report.Error?.Code);
        Assert.Equal(1, report.FirstBadHeight);
    }

    [Fact]
    public void Verify_GenesisDocumentModified_ReportsHeightZero()
    {
        using var dir = built.Directory.Clone();
        var other = built.Directory.Genesis with { TimestampMs = built.Directory.Genesis.TimestampMs + 1 };
        dir.ExecuteSql("UPDATE meta SET value = $v WHERE key = 'genesis'", ("$v", other.Encode()));

        var report = Verify(dir);

        Assert.Equal(LedgerErrors.BlockBadHeader, report.Error?.Code);
        Assert.Equal(0, report.FirstBadHeight);
    }

    [Fact]
    public void Verify_StoreOfAnotherGenesisThanTheTrustedOne_GenesisInvalid()
    {
        using var store = built.Directory.OpenStore();
        var trusted = built.Directory.Genesis with { ChainId = "another-chain" };

        var report = LedgerVerifier.Verify(store, Verifier, trustedGenesis: trusted.Encode());

        Assert.Equal(LedgerErrors.GenesisInvalid, report.Error?.Code);
        Assert.Equal(0, report.FirstBadHeight);
    }

    [Fact]
    public void Verify_EmptyStore_StoreCorrupt()
    {
        using var dir = TempDataDirectory.Create();
        dir.ExecuteSql("DELETE FROM meta WHERE key = 'genesis'");

        var report = Verify(dir);

        Assert.Equal(LedgerErrors.StoreCorrupt, report.Error?.Code);
    }

    [Fact]
    public void Verify_InMemoryChainWithEveryTransactionKind_IsValid()
    {
        var chain = Scenario.TwoValidators();
        var genco = chain["genco"];
        var tradco = chain.Onboard("tradco", PlayerRole.TradingCompany);
        var applicant = chain["applicant"];
        chain.Append(
            chain.RegisterPassive(tradco, "household", PlayerRole.Prosumer, tradco.Id),
            chain.RegisterActive(applicant, PlayerRole.Prosumer),
            chain.Anchor(genco, "plan"),
            chain.Anchor(genco, "plan"));
        chain.Append(chain.Suspend(genco.Id), chain.Authorize(genco.Id), chain.Revoke(applicant.Id), chain.RotateKey(genco.Id, genco.WithKey("genco-2").PublicKey));
        chain.Append(chain.AddValidator(built.NewValidator.Id, built.NewValidator.PublicKey), chain.RemoveValidator(chain.Validators[1].Id));
        chain.Sealer = built.NewValidator;
        chain.AppendRaw(Payloads.Anchor("not an envelope"));

        var report = LedgerVerifier.Verify(chain.Store, chain.Verifier);

        Assert.True(report.IsValid, report.Error?.ToString());
        Assert.Equal(chain.Height, report.HeadHeight);
        Assert.Equal(chain.Chain.HeadHash, report.HeadHash);
    }

    private static VerificationReport Verify(TempDataDirectory dir)
    {
        using var store = dir.OpenStore();
        return LedgerVerifier.Verify(store, Verifier);
    }

    private static StoredBlock ReadBlock(TempDataDirectory dir, long height)
    {
        using var store = dir.OpenStore();
        return store.ReadBlock(height)!;
    }

    private static long StateSnapshotHeight(TempDataDirectory dir)
    {
        using var store = dir.OpenStore();
        return store.ReadStateSnapshot().Height;
    }

    private static byte[] ReadState(TempDataDirectory dir, string key)
    {
        using var store = dir.OpenStore();
        return store.ReadState().Single(e => e.Key == key).Value;
    }

    private static byte[] ValidatorSetOf(GenesisConfig genesis)
    {
        var w = Cbor.NewWriter();
        ValidatorSet.Write(w, genesis.Validators);
        return w.Encode();
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        var copy = bytes.ToArray();
        copy[index] ^= 0x01;
        return copy;
    }
}
