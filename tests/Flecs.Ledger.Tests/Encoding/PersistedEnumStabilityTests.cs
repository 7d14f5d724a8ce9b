using System.Reflection;
using Flecs.Ledger.Players;
using Flecs.Ledger.Transactions;

namespace Flecs.Ledger.Tests.Encoding;

// These numbers and codes are persisted in signed transactions, state and receipts. A renumbered or
// renamed value silently changes the meaning of every stored chain: changing one requires a
// format-version bump and an ADR, never an edited expectation. New values get new rows.
public sealed class PersistedEnumStabilityTests
{
    [Theory]
    [InlineData(PlayerRole.GenerationCompany, 1)]
    [InlineData(PlayerRole.TransmissionCompany, 2)]
    [InlineData(PlayerRole.DistributionCompany, 3)]
    [InlineData(PlayerRole.TradingCompany, 4)]
    [InlineData(PlayerRole.SystemOperator, 5)]
    [InlineData(PlayerRole.MarketOperator, 6)]
    [InlineData(PlayerRole.Regulator, 7)]
    [InlineData(PlayerRole.Prosumer, 8)]
    [InlineData(PlayerRole.Aggregator, 9)]
    [InlineData(PlayerRole.DemandResponseProvider, 10)]
    [InlineData(PlayerRole.SupervisingAuthority, 11)]
    public void PlayerRole_PersistedValue_NeverChanges(PlayerRole role, int value) => Assert.Equal(value, (int)role);

    [Theory]
    [InlineData(PlayerMode.Active, 1)]
    [InlineData(PlayerMode.Passive, 2)]
    public void PlayerMode_PersistedValue_NeverChanges(PlayerMode mode, int value) => Assert.Equal(value, (int)mode);

    [Theory]
    [InlineData(PlayerStatus.Pending, 1)]
    [InlineData(PlayerStatus.Authorized, 2)]
    [InlineData(PlayerStatus.Suspended, 3)]
    [InlineData(PlayerStatus.Revoked, 4)]
    public void PlayerStatus_PersistedValue_NeverChanges(PlayerStatus status, int value) => Assert.Equal(value, (int)status);

    [Theory]
    [InlineData("RegisterPlayer", 1, "register-player")]
    [InlineData("AuthorizePlayer", 2, "authorize-player")]
    [InlineData("SuspendPlayer", 3, "suspend-player")]
    [InlineData("RevokePlayer", 4, "revoke-player")]
    [InlineData("RotateKey", 5, "rotate-key")]
    [InlineData("AddValidator", 6, "add-validator")]
    [InlineData("RemoveValidator", 7, "remove-validator")]
    [InlineData("AnchorDocument", 8, "anchor-document")]
    public void TransactionType_PersistedValue_NeverChanges(string property, int value, string name)
    {
        var type = (TransactionType)typeof(TransactionType).GetProperty(property, BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

        Assert.Equal(value, type.Value);
        Assert.Equal(name, type.ToString());
    }

    [Fact]
    public void Enums_EveryMember_IsPinned()
    {
        var members = new[] { Enum.GetValues<PlayerRole>().Length, Enum.GetValues<PlayerMode>().Length, Enum.GetValues<PlayerStatus>().Length };
        var transactionTypes = typeof(TransactionType).GetProperties(BindingFlags.Public | BindingFlags.Static).Count(p => p.PropertyType == typeof(TransactionType));

        Assert.Equal([11, 2, 4], members);
        Assert.Equal(8, transactionTypes);
    }

    [Theory]
    [InlineData(nameof(LedgerErrors.GenesisInvalid), "ledger.genesis.invalid")]
    [InlineData(nameof(LedgerErrors.Malformed), "ledger.tx.malformed")]
    [InlineData(nameof(LedgerErrors.Oversized), "ledger.tx.oversized")]
    [InlineData(nameof(LedgerErrors.WrongChain), "ledger.tx.wrong-chain")]
    [InlineData(nameof(LedgerErrors.BadSignature), "ledger.tx.bad-signature")]
    [InlineData(nameof(LedgerErrors.Expired), "ledger.tx.expired")]
    [InlineData(nameof(LedgerErrors.WrongSequence), "ledger.tx.wrong-sequence")]
    [InlineData(nameof(LedgerErrors.Duplicate), "ledger.tx.duplicate")]
    [InlineData(nameof(LedgerErrors.UnknownType), "ledger.tx.unknown-type")]
    [InlineData(nameof(LedgerErrors.ExecutorFault), "ledger.tx.executor-fault")]
    [InlineData(nameof(LedgerErrors.InvalidPayload), "ledger.tx.invalid-payload")]
    [InlineData(nameof(LedgerErrors.UnknownSender), "ledger.sender.unknown")]
    [InlineData(nameof(LedgerErrors.PendingSender), "ledger.sender.pending")]
    [InlineData(nameof(LedgerErrors.SuspendedSender), "ledger.sender.suspended")]
    [InlineData(nameof(LedgerErrors.RevokedSender), "ledger.sender.revoked")]
    [InlineData(nameof(LedgerErrors.PassiveSender), "ledger.sender.passive")]
    [InlineData(nameof(LedgerErrors.WrongRole), "ledger.auth.wrong-role")]
    [InlineData(nameof(LedgerErrors.PlayerExists), "ledger.player.exists")]
    [InlineData(nameof(LedgerErrors.PlayerNotFound), "ledger.player.not-found")]
    [InlineData(nameof(LedgerErrors.InvalidTransition), "ledger.player.invalid-transition")]
    [InlineData(nameof(LedgerErrors.ValidatorExists), "ledger.validator.exists")]
    [InlineData(nameof(LedgerErrors.ValidatorNotFound), "ledger.validator.not-found")]
    [InlineData(nameof(LedgerErrors.LastValidator), "ledger.validator.last")]
    [InlineData(nameof(LedgerErrors.DocumentExists), "ledger.document.exists")]
    [InlineData(nameof(LedgerErrors.BlockMalformed), "ledger.block.malformed")]
    [InlineData(nameof(LedgerErrors.BlockBadParent), "ledger.block.bad-parent")]
    [InlineData(nameof(LedgerErrors.BlockBadHash), "ledger.block.bad-hash")]
    [InlineData(nameof(LedgerErrors.BlockUnknownSealer), "ledger.block.unknown-sealer")]
    [InlineData(nameof(LedgerErrors.BlockBadSeal), "ledger.block.bad-seal")]
    [InlineData(nameof(LedgerErrors.BlockBadHeader), "ledger.block.bad-header")]
    [InlineData(nameof(LedgerErrors.BlockBadTimestamp), "ledger.block.bad-timestamp")]
    [InlineData(nameof(LedgerErrors.BlockTooLarge), "ledger.block.too-large")]
    [InlineData(nameof(LedgerErrors.ReceiptMismatch), "ledger.block.receipt-mismatch")]
    [InlineData(nameof(LedgerErrors.TransactionIdMismatch), "ledger.block.tx-id-mismatch")]
    [InlineData(nameof(LedgerErrors.StateMismatch), "ledger.state.mismatch")]
    [InlineData(nameof(LedgerErrors.StoreCorrupt), "ledger.store.corrupt")]
    public void LedgerErrors_PersistedCode_NeverChanges(string constant, string code)
    {
        var value = typeof(LedgerErrors).GetField(constant, BindingFlags.Public | BindingFlags.Static)!.GetValue(null);

        Assert.Equal(code, value);
    }

    [Fact]
    public void LedgerErrors_EveryCode_IsPinnedAndUnique()
    {
        var codes = typeof(LedgerErrors).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToList();

        Assert.Equal(36, codes.Count);
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
    }
}
