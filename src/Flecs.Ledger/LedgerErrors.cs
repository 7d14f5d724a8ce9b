namespace Flecs.Ledger;

/// <summary>The ledger's stable error and rejection codes (docs/formats/receipts.md lists each with its meaning).</summary>
/// <remarks>Receipts persist these strings: a published code never changes meaning.</remarks>
public static class LedgerErrors
{
    /// <summary>The genesis document is invalid.</summary>
    public const string GenesisInvalid = "ledger.genesis.invalid";

    /// <summary>The bytes are not a canonical CBOR transaction envelope of a known version.</summary>
    public const string Malformed = "ledger.tx.malformed";

    /// <summary>The envelope is larger than the genesis limit.</summary>
    public const string Oversized = "ledger.tx.oversized";

    /// <summary>The transaction names another chain.</summary>
    public const string WrongChain = "ledger.tx.wrong-chain";

    /// <summary>The signature does not verify with the sender's key at this height.</summary>
    public const string BadSignature = "ledger.tx.bad-signature";

    /// <summary>The block height is past the transaction's validity limit.</summary>
    public const string Expired = "ledger.tx.expired";

    /// <summary>The sequence number is not the sender's last accepted sequence plus one.</summary>
    public const string WrongSequence = "ledger.tx.wrong-sequence";

    /// <summary>A transaction with the same id was already accepted (a replay).</summary>
    public const string Duplicate = "ledger.tx.duplicate";

    /// <summary>No executor handles this transaction type.</summary>
    public const string UnknownType = "ledger.tx.unknown-type";

    /// <summary>A module's executor threw on this transaction; it is rejected and changes nothing.</summary>
    public const string ExecutorFault = "ledger.tx.executor-fault";

    /// <summary>The payload does not decode for its transaction type.</summary>
    public const string InvalidPayload = "ledger.tx.invalid-payload";

    /// <summary>The sender is not a registered player.</summary>
    public const string UnknownSender = "ledger.sender.unknown";

    /// <summary>The sender is registered but not yet authorized by the SA.</summary>
    public const string PendingSender = "ledger.sender.pending";

    /// <summary>The sender is suspended.</summary>
    public const string SuspendedSender = "ledger.sender.suspended";

    /// <summary>The sender is revoked.</summary>
    public const string RevokedSender = "ledger.sender.revoked";

    /// <summary>The sender is a passive player, who has no key; its representative signs for it.</summary>
    public const string PassiveSender = "ledger.sender.passive";

    /// <summary>The sender's role may not perform this operation (e.g. a non-SA sender of an SA operation).</summary>
    public const string WrongRole = "ledger.auth.wrong-role";

    /// <summary>A player with this id already exists.</summary>
    public const string PlayerExists = "ledger.player.exists";

    /// <summary>No player with this id exists.</summary>
    public const string PlayerNotFound = "ledger.player.not-found";

    /// <summary>The status change is not allowed from the player's current status.</summary>
    public const string InvalidTransition = "ledger.player.invalid-transition";

    /// <summary>A validator with this id already exists.</summary>
    public const string ValidatorExists = "ledger.validator.exists";

    /// <summary>No validator with this id exists.</summary>
    public const string ValidatorNotFound = "ledger.validator.not-found";

    /// <summary>The last validator cannot be removed.</summary>
    public const string LastValidator = "ledger.validator.last";

    /// <summary>A document with this hash is already anchored.</summary>
    public const string DocumentExists = "ledger.document.exists";

    /// <summary>A block header does not decode.</summary>
    public const string BlockMalformed = "ledger.block.malformed";

    /// <summary>The block does not extend the current head (height or parent hash).</summary>
    public const string BlockBadParent = "ledger.block.bad-parent";

    /// <summary>The stored block hash does not match the header.</summary>
    public const string BlockBadHash = "ledger.block.bad-hash";

    /// <summary>The sealer is not in the validator set at this height.</summary>
    public const string BlockUnknownSealer = "ledger.block.unknown-sealer";

    /// <summary>The seal signature does not verify.</summary>
    public const string BlockBadSeal = "ledger.block.bad-seal";

    /// <summary>The header's field disagrees with the block contents (roots, counts, validator set, chain).</summary>
    public const string BlockBadHeader = "ledger.block.bad-header";

    /// <summary>The timestamp is before the parent's.</summary>
    public const string BlockBadTimestamp = "ledger.block.bad-timestamp";

    /// <summary>The block exceeds a genesis limit.</summary>
    public const string BlockTooLarge = "ledger.block.too-large";

    /// <summary>A stored receipt differs from the re-executed one.</summary>
    public const string ReceiptMismatch = "ledger.block.receipt-mismatch";

    /// <summary>A stored transaction id differs from the hash of its bytes.</summary>
    public const string TransactionIdMismatch = "ledger.block.tx-id-mismatch";

    /// <summary>The stored state differs from the state derived by re-execution.</summary>
    public const string StateMismatch = "ledger.state.mismatch";

    /// <summary>The store cannot be read (corrupt file, missing rows).</summary>
    public const string StoreCorrupt = "ledger.store.corrupt";
}
