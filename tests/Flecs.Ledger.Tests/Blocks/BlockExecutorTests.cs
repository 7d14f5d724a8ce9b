using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Crypto.Hashing;
using Flecs.Ledger.Execution;
using Flecs.Ledger.Players;
using Flecs.Ledger.Transactions;
using Flecs.Testing;
using Flecs.Testing.Builders;
using Flecs.Testing.Chains;

namespace Flecs.Ledger.Tests.Blocks;

public sealed partial class BlockExecutorTests
{
    public static TheoryData<string> MalformedKinds => MalformedEnvelopes.AsTheoryData();

    [Theory]
    [InlineData("forged-signature", LedgerErrors.BadSignature)]
    [InlineData("zero-signature", LedgerErrors.BadSignature)]
    [InlineData("sa-sender-signed-by-player-key", LedgerErrors.BadSignature)]
    [InlineData("replay-of-accepted", LedgerErrors.Duplicate)]
    [InlineData("wrong-sequence-ahead", LedgerErrors.WrongSequence)]
    [InlineData("wrong-sequence-reused", LedgerErrors.WrongSequence)]
    [InlineData("unknown-sender", LedgerErrors.UnknownSender)]
    [InlineData("unknown-sender-registers-another", LedgerErrors.UnknownSender)]
    [InlineData("pending-sender", LedgerErrors.PendingSender)]
    [InlineData("suspended-sender", LedgerErrors.SuspendedSender)]
    [InlineData("revoked-sender", LedgerErrors.RevokedSender)]
    [InlineData("passive-sender", LedgerErrors.PassiveSender)]
    [InlineData("expired", LedgerErrors.Expired)]
    [InlineData("oversized", LedgerErrors.Oversized)]
    [InlineData("wrong-chain", LedgerErrors.WrongChain)]
    [InlineData("unknown-type", LedgerErrors.UnknownType)]
    [InlineData("invalid-payload", LedgerErrors.InvalidPayload)]
    [InlineData("register-existing-player", LedgerErrors.PlayerExists)]
    [InlineData("register-validator-id", LedgerErrors.PlayerExists)]
    [InlineData("authorize-unknown-player", LedgerErrors.PlayerNotFound)]
    [InlineData("authorize-authorized-player", LedgerErrors.InvalidTransition)]
    public void Execute_InvalidTransaction_RecordedAsRejectedWithCodeAndNoStateChange(string scenario, string code)
    {
        var chain = Scenario.Market();
        var bytes = Arrange(chain, scenario);
        var before = chain.StateSnapshot();

        var block = chain.AppendRaw(bytes);

        Scenario.AssertRejectedWithoutStateChange(chain, block, bytes, code, before);
    }

    [Theory]
    [MemberData(nameof(MalformedKinds))]
    public void Execute_MalformedEnvelope_RecordedAsMalformedWithNoStateChange(string kind)
    {
        var chain = Scenario.Market();
        var bytes = MalformedEnvelopes.Make(kind, chain["genco"], chain.Genesis.ChainId, chain.PeekSequence(chain["genco"].Id));
        var before = chain.StateSnapshot();

        var block = chain.AppendRaw(bytes);

        Scenario.AssertRejectedWithoutStateChange(chain, block, bytes, LedgerErrors.Malformed, before);
    }

    [Theory]
    [InlineData("register-player", "genco")]
    [InlineData("register-player", "tradco")]
    [InlineData("authorize-player", "genco")]
    [InlineData("authorize-player", "tradco")]
    [InlineData("suspend-player", "genco")]
    [InlineData("suspend-player", "aggco")]
    [InlineData("revoke-player", "genco")]
    [InlineData("revoke-player", "tradco")]
    [InlineData("rotate-key", "genco")]
    [InlineData("rotate-key", "tradco")]
    [InlineData("add-validator", "genco")]
    [InlineData("add-validator", "aggco")]
    [InlineData("remove-validator", "genco")]
    [InlineData("remove-validator", "tradco")]
    public void Execute_SaOperationSentByNonSa_RejectedWithWrongRoleAndNoStateChange(string operation, string sender)
    {
        var chain = A.Chain().WithGenesis(A.Genesis().WithValidators(2).Build())
            .WithPlayer("tradco", PlayerRole.TradingCompany)
            .WithPlayer("aggco", PlayerRole.Aggregator)
            .WithPlayer("genco", PlayerRole.GenerationCompany)
            .WithPlayer("pending", PlayerRole.Prosumer, PlayerStatus.Pending)
            .Build();
        var (type, payload) = SaOperation(chain, operation);
        var bytes = chain.Sign(chain[sender], type, payload).Bytes;
        var before = chain.StateSnapshot();

        var block = chain.AppendRaw(bytes);

        Scenario.AssertRejectedWithoutStateChange(chain, block, bytes, LedgerErrors.WrongRole, before);
    }

    [Theory]
    [InlineData("genco", "tradco")]
    [InlineData("tradco", "aggco")]
    [InlineData("aggco", "tradco")]
    public void Execute_PassiveRegisteredByOtherThanItsRepresentative_WrongRole(string sender, string representative)
    {
        var chain = Scenario.Market();
        var bytes = chain.RegisterPassive(chain[sender], "new-household", PlayerRole.Prosumer, chain[representative].Id).Bytes;
        var before = chain.StateSnapshot();

        var block = chain.AppendRaw(bytes);

        Scenario.AssertRejectedWithoutStateChange(chain, block, bytes, LedgerErrors.WrongRole, before);
    }

    [Fact]
    public void Execute_SameTransactionTwiceInOneBlock_SecondIsDuplicate()
    {
        var chain = Scenario.Market();
        var tx = chain.Anchor(chain["genco"], "plan");

        var block = chain.Append(tx, tx);

        Assert.Equal(["accepted", LedgerErrors.Duplicate], Scenario.Codes(block));
        Assert.Equal(1, chain.FindPlayer("genco")!.Sequence);
    }

    [Fact]
    public void Execute_ValidUntilIsTheBlockHeight_Accepted()
    {
        var chain = Scenario.Market();
        var tx = chain.Sign(chain["genco"], TransactionType.AnchorDocument, Payloads.Anchor("plan"), validUntilHeight: chain.NextHeight);

        var block = chain.Append(tx);

        Scenario.AssertAllAccepted(block);
    }

    [Fact]
    public void Execute_TransactionAfterARejection_SequenceGapIsNotCreated()
    {
        var chain = Scenario.Market();
        var genco = chain["genco"];
        var rejected = chain.Anchor(genco.WithKey("mallory"), "plan");
        var accepted = chain.Sign(genco, TransactionType.AnchorDocument, Payloads.Anchor("plan"), sequence: rejected.Sequence);

        var block = chain.Append(rejected, accepted);

        Assert.Equal([LedgerErrors.BadSignature, "accepted"], Scenario.Codes(block));
        Assert.Equal(1, chain.FindPlayer(genco.Id)!.Sequence);
    }

    [Fact]
    public void Execute_AcceptedTransaction_SetsSenderSequence()
    {
        var chain = Scenario.Market();
        var genco = chain["genco"];

        chain.Append(chain.Anchor(genco, "a"), chain.Anchor(genco, "b"), chain.Anchor(genco, "c"));

        Assert.Equal(3, chain.FindPlayer(genco.Id)!.Sequence);
    }

    [Fact]
    public void Execute_ModuleExecutorWritesThenRejects_WritesAreDiscarded()
    {
        var chain = A.Chain().WithExecutor(new WritesThenFailsExecutor()).WithPlayer("genco", PlayerRole.GenerationCompany).Build();
        var bytes = chain.Sign(chain["genco"], WritesThenFailsExecutor.TransactionType, [0x01]).Bytes;
        var before = chain.StateSnapshot();

        var block = chain.AppendRaw(bytes);

        Scenario.AssertRejectedWithoutStateChange(chain, block, bytes, WritesThenFailsExecutor.Code, before);
    }

    [Fact]
    public void Execute_ModuleExecutorAccepts_WritesAreCommitted()
    {
        var chain = A.Chain().WithExecutor(new WritesThenFailsExecutor()).WithPlayer("genco", PlayerRole.GenerationCompany).Build();

        var block = chain.Append(chain.Sign(chain["genco"], WritesThenFailsExecutor.TransactionType, []));

        Scenario.AssertAllAccepted(block);
        Assert.True(chain.Chain.State.TryGet(WritesThenFailsExecutor.Key, out _));
    }

    [Fact]
    public void Constructor_TwoExecutorsForOneType_Throws()
    {
        var genesis = A.Genesis().Build();

        Assert.Throws<ArgumentException>(() => new Ledger.Blocks.BlockExecutor(genesis, new Crypto.Signatures.Ed25519SignatureVerifier(), [new WritesThenFailsExecutor(), new WritesThenFailsExecutor()]));
    }

    private static byte[] Arrange(TestChain chain, string scenario)
    {
        var genco = chain["genco"];
        var anchor = Payloads.Anchor("plan");
        switch (scenario)
        {
            case "forged-signature":
                return chain.Anchor(genco.WithKey("mallory"), "plan").Bytes;
            case "zero-signature":
                var honest = chain.Anchor(genco, "plan");
                return Transaction.FromParts(honest.ChainId, honest.Type, honest.Sender, honest.Sequence, honest.ValidUntilHeight, honest.Payload, new byte[64]).Bytes;
            case "sa-sender-signed-by-player-key":
                return chain.Sign(new TestPlayer(chain.Sa.Id, genco.Signer), TransactionType.AuthorizePlayer, Payloads.Action(chain["pending"].Id)).Bytes;
            case "replay-of-accepted":
                var original = chain.Anchor(genco, "plan");
                Scenario.AssertAllAccepted(chain.Append(original));
                return original.Bytes;
            case "wrong-sequence-ahead":
                return chain.Sign(genco, TransactionType.AnchorDocument, anchor, sequence: chain.PeekSequence(genco.Id) + 1).Bytes;
            case "wrong-sequence-reused":
                Scenario.AssertAllAccepted(chain.Append(chain.Anchor(genco, "first")));
                return chain.Sign(genco, TransactionType.AnchorDocument, anchor, sequence: chain.CommittedSequence(genco.Id)).Bytes;
            case "unknown-sender":
                return chain.Anchor(chain["ghost"], "plan").Bytes;
            case "unknown-sender-registers-another":
                return chain.RegisterActive(chain["ghost"], chain["other"], PlayerRole.Prosumer).Bytes;
            case "pending-sender":
            case "suspended-sender":
            case "revoked-sender":
                return chain.Anchor(chain[scenario[..^"-sender".Length]], "plan").Bytes;
            case "passive-sender":
                return chain.Anchor(chain["household"], "plan").Bytes;
            case "expired":
                return chain.Sign(genco, TransactionType.AnchorDocument, anchor, validUntilHeight: chain.Height).Bytes;
            case "oversized":
                return chain.Sign(genco, TransactionType.AnchorDocument, new byte[chain.Genesis.Limits.MaxTransactionBytes]).Bytes;
            case "wrong-chain":
                return chain.Sign(genco, TransactionType.AnchorDocument, anchor, chainId: "other-chain").Bytes;
            case "unknown-type":
                return chain.Sign(genco, new TransactionType(999), anchor).Bytes;
            case "invalid-payload":
                return chain.Sign(genco, TransactionType.AnchorDocument, [0x01]).Bytes;
            case "register-existing-player":
                return chain.RegisterActive(chain["tradco"].WithKey("tradco-2"), PlayerRole.TradingCompany).Bytes;
            case "register-validator-id":
                return chain.RegisterActive(chain["validator-1"], PlayerRole.GenerationCompany).Bytes;
            case "authorize-unknown-player":
                return chain.Authorize(chain["ghost"].Id).Bytes;
            case "authorize-authorized-player":
                return chain.Authorize(genco.Id).Bytes;
            default:
                throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "Unknown scenario.");
        }
    }

    private static (TransactionType Type, byte[] Payload) SaOperation(TestChain chain, string operation) => operation switch
    {
        "register-player" => (TransactionType.RegisterPlayer, Payloads.RegisterActive(chain["newco"].Id, PlayerRole.Prosumer, chain["newco"].PublicKey)),
        "authorize-player" => (TransactionType.AuthorizePlayer, Payloads.Action(chain["pending"].Id)),
        "suspend-player" => (TransactionType.SuspendPlayer, Payloads.Action(chain["genco"].Id)),
        "revoke-player" => (TransactionType.RevokePlayer, Payloads.Action(chain["genco"].Id)),
        "rotate-key" => (TransactionType.RotateKey, Payloads.Key(chain["genco"].Id, chain["genco"].WithKey("genco-2").PublicKey)),
        "add-validator" => (TransactionType.AddValidator, Payloads.Key(PlayerId.Parse("validator-9"), TestKeys.Validator(9).PublicKey)),
        "remove-validator" => (TransactionType.RemoveValidator, Payloads.Action(chain.Validators[1].Id)),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Unknown SA operation."),
    };

    private sealed class WritesThenFailsExecutor : ITransactionExecutor
    {
        public const string Code = "test.module.rejected";
        public const string Key = "module/written";

        public static TransactionType TransactionType { get; } = new(1000);

        public TransactionType Type => TransactionType;

        public Result Execute(TransactionContext context)
        {
            context.State.Set(Key, Sha256Digest.Hash(context.Transaction.Payload).ToArray());
            context.PutPlayer(context.Sender! with { Sequence = 99 });
            return context.Transaction.Payload.Length == 0 ? Result.Success : Result.Fail(Code, "Rejected after writing.");
        }
    }
}
