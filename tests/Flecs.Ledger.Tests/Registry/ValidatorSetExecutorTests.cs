using Flecs.Core.Identity;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Registry;
using Flecs.Ledger.Transactions;
using Flecs.Testing;
using Flecs.Testing.Builders;

namespace Flecs.Ledger.Tests.Registry;

public sealed class ValidatorSetExecutorTests
{
    private static readonly TestPlayer NewValidator = new(PlayerId.Parse("validator-9"), TestKeys.Validator(9));

    [Fact]
    public void Execute_AddValidator_NewValidatorSealsTheNextBlock()
    {
        var chain = Scenario.Market();
        Scenario.AssertAllAccepted(chain.Append(chain.AddValidator(NewValidator.Id, NewValidator.PublicKey)));
        var block = chain.Build([chain.Anchor(chain["genco"], "plan").Bytes], NewValidator);

        var validated = chain.Validate(block);

        Assert.True(validated.IsSuccess, validated.Error?.ToString());
        Assert.Equal(ValidatorSet.Hash(chain.Chain.Validators), block.Header.ValidatorSetHash);
        Assert.Contains(chain.Chain.Validators, v => v.Id == NewValidator.Id && v.PublicKey == NewValidator.PublicKey);
    }

    [Fact]
    public void Execute_AddValidator_BlockThatAddsItCannotBeSealedByIt()
    {
        var chain = Scenario.Market();
        var block = chain.Build([chain.AddValidator(NewValidator.Id, NewValidator.PublicKey).Bytes], NewValidator);

        var validated = chain.Validate(block);

        Assert.Equal(LedgerErrors.BlockUnknownSealer, validated.Error?.Code);
    }

    [Fact]
    public void Validate_BlockSealedByNonValidator_UnknownSealer()
    {
        var chain = Scenario.Market();
        var block = chain.Build([chain.Anchor(chain["genco"], "plan").Bytes], chain["genco"]);

        var validated = chain.Validate(block);

        Assert.Equal(LedgerErrors.BlockUnknownSealer, validated.Error?.Code);
    }

    [Fact]
    public void Execute_RemoveValidator_RemovedValidatorCannotSealTheNextBlock()
    {
        var chain = Scenario.TwoValidators();
        var second = chain.Validators[1];
        Scenario.AssertAllAccepted(chain.Append(chain.RemoveValidator(second.Id)));

        var sealedByRemoved = chain.Validate(chain.Build([], second));
        var sealedByRemaining = chain.Validate(chain.Build([], chain.Validators[0]));

        Assert.Equal(LedgerErrors.BlockUnknownSealer, sealedByRemoved.Error?.Code);
        Assert.True(sealedByRemaining.IsSuccess, sealedByRemaining.Error?.ToString());
        Assert.Equal([chain.Validators[0].Id], chain.Chain.Validators.Select(v => v.Id));
    }

    [Fact]
    public void Execute_RemoveValidator_TheBlockThatRemovesItMayStillBeSealedByIt()
    {
        var chain = Scenario.TwoValidators();
        var second = chain.Validators[1];
        var block = chain.Build([chain.RemoveValidator(second.Id).Bytes], second);

        var validated = chain.Validate(block);

        Assert.True(validated.IsSuccess, validated.Error?.ToString());
    }

    [Fact]
    public void Execute_RemoveLastValidator_RejectedAsLastValidator()
    {
        var chain = Scenario.Market();
        var tx = chain.RemoveValidator(chain.Validators[0].Id);
        var before = chain.StateSnapshot();

        var block = chain.Append(tx);

        Scenario.AssertRejectedWithoutStateChange(chain, block, tx.Bytes, LedgerErrors.LastValidator, before);
    }

    [Fact]
    public void Execute_RemoveBothOfTwoValidatorsInOneBlock_SecondRemovalIsLastValidator()
    {
        var chain = Scenario.TwoValidators();

        var block = chain.Append(chain.RemoveValidator(chain.Validators[0].Id), chain.RemoveValidator(chain.Validators[1].Id));

        Assert.Equal(["accepted", LedgerErrors.LastValidator], Scenario.Codes(block));
    }

    [Theory]
    [InlineData("add-existing-validator", LedgerErrors.ValidatorExists)]
    [InlineData("add-player-id", LedgerErrors.ValidatorExists)]
    [InlineData("add-sa-id", LedgerErrors.ValidatorExists)]
    [InlineData("remove-unknown", LedgerErrors.ValidatorNotFound)]
    [InlineData("remove-player", LedgerErrors.ValidatorNotFound)]
    [InlineData("add-with-action-payload", LedgerErrors.InvalidPayload)]
    public void Execute_InvalidValidatorChange_Rejected(string scenario, string code)
    {
        var chain = Scenario.Market();
        var tx = scenario switch
        {
            "add-existing-validator" => chain.AddValidator(chain.Validators[0].Id, NewValidator.PublicKey),
            "add-player-id" => chain.AddValidator(chain["genco"].Id, NewValidator.PublicKey),
            "add-sa-id" => chain.AddValidator(chain.Sa.Id, NewValidator.PublicKey),
            "remove-unknown" => chain.RemoveValidator(NewValidator.Id),
            "remove-player" => chain.RemoveValidator(chain["genco"].Id),
            "add-with-action-payload" => chain.Sign(chain.Sa, TransactionType.AddValidator, Payloads.Action(NewValidator.Id)),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "Unknown scenario."),
        };
        var before = chain.StateSnapshot();

        var block = chain.Append(tx);

        Scenario.AssertRejectedWithoutStateChange(chain, block, tx.Bytes, code, before);
    }

    [Fact]
    public void Execute_AddValidator_StateHoldsTheSetSortedById()
    {
        var chain = Scenario.Market();
        var early = new TestPlayer(PlayerId.Parse("a-validator"), TestKeys.Validator(10));

        chain.Append(chain.AddValidator(NewValidator.Id, NewValidator.PublicKey), chain.AddValidator(early.Id, early.PublicKey));

        Assert.Equal(["a-validator", "validator-1", "validator-9"], ValidatorSetState.Read(chain.Chain.State).Select(v => v.Id.Value));
    }
}
