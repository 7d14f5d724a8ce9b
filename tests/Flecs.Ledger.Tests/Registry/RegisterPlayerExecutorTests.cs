using Flecs.Ledger.Players;
using Flecs.Ledger.Transactions;
using Flecs.Testing.Builders;

namespace Flecs.Ledger.Tests.Registry;

public sealed class RegisterPlayerExecutorTests
{
    public static TheoryData<PlayerRole> RegistrableRoles => [.. Enum.GetValues<PlayerRole>().Where(r => r != PlayerRole.SupervisingAuthority)];

    [Theory]
    [MemberData(nameof(RegistrableRoles))]
    public void Execute_SaRegistersActivePlayer_AcceptedAsPending(PlayerRole role)
    {
        var chain = Scenario.Market();
        var player = chain["newco"];

        var block = chain.Append(chain.RegisterActive(player, role));

        Scenario.AssertAllAccepted(block);
        Assert.Equal(new PlayerRecord(player.Id, role, PlayerMode.Active, PlayerStatus.Pending, player.PublicKey, null, 0, block.Header.Height), chain.FindPlayer(player.Id));
    }

    [Theory]
    [InlineData("tradco", PlayerRole.Prosumer)]
    [InlineData("tradco", PlayerRole.DemandResponseProvider)]
    [InlineData("aggco", PlayerRole.Prosumer)]
    [InlineData("aggco", PlayerRole.DemandResponseProvider)]
    public void Execute_AuthorizedRepresentativeRegistersItsPassiveCustomer_AcceptedAsPending(string representative, PlayerRole role)
    {
        var chain = Scenario.Market();
        var rep = chain[representative];

        var block = chain.Append(chain.RegisterPassive(rep, "customer", role, rep.Id));

        Scenario.AssertAllAccepted(block);
        var customer = chain.FindPlayer("customer")!;
        Assert.Equal((PlayerMode.Passive, PlayerStatus.Pending, rep.Id), (customer.Mode, customer.Status, customer.Representative!.Value));
        Assert.Null(customer.PublicKey);
        Assert.Equal(1, chain.FindPlayer(rep.Id)!.Sequence);
    }

    [Fact]
    public void Execute_SaRegistersPassivePlayerForARepresentative_Accepted()
    {
        var chain = Scenario.Market();

        var block = chain.Append(chain.RegisterPassive(chain.Sa, "customer", PlayerRole.Prosumer, chain["aggco"].Id));

        Scenario.AssertAllAccepted(block);
        Assert.Equal(chain["aggco"].Id, chain.FindPlayer("customer")!.Representative);
    }

    [Fact]
    public void Execute_UnknownSenderAppliesWithItsOwnKey_RejectedAsUnknownSender()
    {
        var chain = Scenario.Market();
        var applicant = chain["newco"];

        var block = chain.Append(chain.RegisterActive(applicant, applicant, PlayerRole.Prosumer));

        Assert.Equal([LedgerErrors.UnknownSender], Scenario.Codes(block));
        Assert.Null(chain.FindPlayer(applicant.Id));
    }

    [Theory]
    [InlineData("self-passive", LedgerErrors.UnknownSender)]
    [InlineData("supervising-authority-role", LedgerErrors.WrongRole)]
    [InlineData("active-without-key", LedgerErrors.InvalidPayload)]
    [InlineData("active-with-representative", LedgerErrors.InvalidPayload)]
    [InlineData("passive-with-key", LedgerErrors.InvalidPayload)]
    [InlineData("passive-generation-company", LedgerErrors.InvalidPayload)]
    [InlineData("passive-without-representative", LedgerErrors.InvalidPayload)]
    [InlineData("unknown-role", LedgerErrors.InvalidPayload)]
    [InlineData("unknown-mode", LedgerErrors.InvalidPayload)]
    [InlineData("representative-is-genco", LedgerErrors.WrongRole)]
    [InlineData("representative-is-unknown", LedgerErrors.WrongRole)]
    [InlineData("representative-is-suspended", LedgerErrors.WrongRole)]
    [InlineData("active-registers-active", LedgerErrors.WrongRole)]
    [InlineData("tradco-registers-active", LedgerErrors.WrongRole)]
    public void Execute_InvalidRegistration_Rejected(string scenario, string code)
    {
        var chain = Scenario.Market();
        var newco = chain["newco"];
        var sa = chain.Sa;
        var tx = scenario switch
        {
            "self-passive" => chain.Sign(newco, TransactionType.RegisterPlayer, Payloads.RegisterPassive(newco.Id, PlayerRole.Prosumer, chain["tradco"].Id)),
            "supervising-authority-role" => chain.RegisterActive(newco, PlayerRole.SupervisingAuthority),
            "active-without-key" => Register(null, null, PlayerRole.Prosumer, PlayerMode.Active),
            "active-with-representative" => Register(newco.PublicKey, chain["tradco"].Id, PlayerRole.Prosumer, PlayerMode.Active),
            "passive-with-key" => Register(newco.PublicKey, chain["tradco"].Id, PlayerRole.Prosumer, PlayerMode.Passive),
            "passive-generation-company" => Register(null, chain["tradco"].Id, PlayerRole.GenerationCompany, PlayerMode.Passive),
            "passive-without-representative" => Register(null, null, PlayerRole.Prosumer, PlayerMode.Passive),
            "unknown-role" => Register(newco.PublicKey, null, (PlayerRole)99, PlayerMode.Active),
            "unknown-mode" => Register(newco.PublicKey, null, PlayerRole.Prosumer, (PlayerMode)3),
            "representative-is-genco" => chain.RegisterPassive(sa, "customer", PlayerRole.Prosumer, chain["genco"].Id),
            "representative-is-unknown" => chain.RegisterPassive(sa, "customer", PlayerRole.Prosumer, chain["ghost"].Id),
            "representative-is-suspended" => RegisterForSuspendedTradco(),
            "active-registers-active" => chain.RegisterActive(chain["genco"], newco, PlayerRole.Prosumer),
            "tradco-registers-active" => chain.RegisterActive(chain["tradco"], newco, PlayerRole.Prosumer),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "Unknown scenario."),
        };
        var before = chain.StateSnapshot();

        var block = chain.Append(tx);

        Scenario.AssertRejectedWithoutStateChange(chain, block, tx.Bytes, code, before);

        Transaction Register(Crypto.Signatures.Ed25519PublicKey? key, Core.Identity.PlayerId? representative, PlayerRole role, PlayerMode mode) =>
            chain.Sign(sa, TransactionType.RegisterPlayer, new Ledger.Registry.RegisterPlayerPayload(newco.Id, role, mode, key, representative).Encode());

        Transaction RegisterForSuspendedTradco()
        {
            chain.Append(chain.Suspend(chain["tradco"].Id));
            return chain.RegisterPassive(sa, "customer", PlayerRole.Prosumer, chain["tradco"].Id);
        }
    }
}
