using Flecs.Core.Identity;
using Flecs.Ledger.Players;
using Flecs.Ledger.Transactions;
using Flecs.Node.Clients;
using Flecs.Node.Sequencing;
using Flecs.Testing;
using Flecs.Testing.Builders;
using Flecs.Testing.Hosting;

namespace Flecs.Ledger.Tests;

/// <summary>A chain built once through the real embedded node and SQLite store; tests work on clones of its directory.</summary>
/// <remarks>
/// Each step is submitted and awaited alone, so it gets its own block: <see cref="Height"/> maps the step
/// names to their heights. After <c>add-validator-9</c>, the node is reopened with the new validator's key,
/// so the last block is sealed by <c>validator-9</c>, which genesis does not know.
/// </remarks>
public sealed class NodeBuiltChain : IAsyncLifetime
{
    private readonly Dictionary<string, Submission> _steps = new(StringComparer.Ordinal);

    public TempDataDirectory Directory { get; } = TempDataDirectory.Create();

    public TestPlayer NewValidator { get; } = new(PlayerId.Parse("validator-9"), TestKeys.Validator(9));

    public IReadOnlyDictionary<string, Submission> Steps => _steps;

    public long Height(string step) => _steps[step].Height;

    public Hash256 Id(string step) => _steps[step].TransactionId;

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var sa = Directory.Sa;
        var tradco = TestPlayer.Named("tradco");
        var genco = TestPlayer.Named("genco");
        await using (var node = Directory.OpenNode())
        {
            var client = new LedgerClient(node);
            await Step("register-tradco", () => client.RegisterActiveAsync(sa.Id, sa.Signer, tradco.Id, PlayerRole.TradingCompany, tradco.PublicKey, ct));
            await Step("authorize-tradco", () => client.ActOnAsync(sa.Id, sa.Signer, TransactionType.AuthorizePlayer, tradco.Id, "licensed", ct));
            await Step("register-household", () => client.RegisterPassiveAsync(tradco.Id, tradco.Signer, PlayerId.Parse("household"), PlayerRole.Prosumer, tradco.Id, ct));
            await Step("authorize-household", () => client.ActOnAsync(sa.Id, sa.Signer, TransactionType.AuthorizePlayer, PlayerId.Parse("household"), "ok", ct));
            await Step("register-genco", () => client.RegisterActiveAsync(sa.Id, sa.Signer, genco.Id, PlayerRole.GenerationCompany, genco.PublicKey, ct));
            await Step("authorize-genco", () => client.ActOnAsync(sa.Id, sa.Signer, TransactionType.AuthorizePlayer, genco.Id, "licensed", ct));
            await Step("anchor-plan", () => client.AnchorAsync(genco.Id, genco.Signer, Payloads.DocumentHash("plan"), "plan", ct));
            await Step("forged-anchor", () => client.AnchorAsync(genco.Id, genco.WithKey("mallory").Signer, Payloads.DocumentHash("forged"), "plan", ct));
            await Step("add-validator-9", () => client.SetKeyAsync(sa.Id, sa.Signer, TransactionType.AddValidator, NewValidator.Id, NewValidator.PublicKey, ct));
        }

        Directory.WriteKey(NewValidator);
        await using (var node = Directory.OpenNode(validatorId: NewValidator.Id.Value))
        {
            var client = new LedgerClient(node);
            await Step("anchor-agreement", () => client.AnchorAsync(tradco.Id, tradco.Signer, Payloads.DocumentHash("agreement"), "agreement", ct));
        }
    }

    public ValueTask DisposeAsync()
    {
        Directory.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task Step(string name, Func<Task<Submission>> submit)
    {
        var result = await submit();
        if (result.AdmissionError is not null)
        {
            throw new InvalidOperationException($"Step {name} was refused: {result.AdmissionError}");
        }

        _steps.Add(name, result);
    }
}
