using System.Collections.Immutable;
using Flecs.Api.Tests.Generated;
using Flecs.Contracts.Library;
using Flecs.Contracts.Lifecycle;
using Flecs.Contracts.Values;
using Flecs.Core.Identity;
using Flecs.Core.Units;
using Flecs.Ledger.Players;
using Flecs.Ledger.Registry;
using Flecs.Ledger.Transactions;
using Flecs.Market.Clearing;
using Flecs.Market.Interface;
using Flecs.Node.Hosting;
using Flecs.Settlement;
using Flecs.Settlement.Close;
using Flecs.Settlement.Config;
using Flecs.Settlement.Meters;
using Flecs.Testing;
using Flecs.Testing.Hosting;

namespace Flecs.Api.Tests;

/// <summary>
/// A player's back office on the C# client NSwag generates from the served OpenAPI document (OpenApi/v1.json): every
/// transaction goes over HTTP — register, meter, contract, readings, close — and the invoice is read back.
/// </summary>
public sealed class GeneratedClientFlowTests
{
    // Hourly intervals: one billing day is 24 intervals. 2026-01-02T00:00Z, after the test genesis.
    private const long Start = 1_767_312_000 / 3_600;

    [Fact]
    public async Task FullFlow_RegisterMeterContractReadings_EndsInAnInvoice()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new SimulationClock(TempDataDirectory.GenesisTime + TimeSpan.FromMinutes(1));
        await using var node = await ApiNode.StartAsync(intervalMinutes: 60, nodeTime: clock);
        var api = new FlecsApiClient(node.Anonymous());
        var sa = node.Sa;
        var players = new Dictionary<string, TestPlayer>(StringComparer.Ordinal) { ["sa"] = sa };

        async Task<SubmissionView> SendAsync(string sender, TransactionType type, byte[] payload)
        {
            var tx = node.Client.Sign(players[sender].Id, players[sender].Signer, type, payload);
            var answer = await api.SubmitTransactionAsync(new SubmitRequest { Transaction = tx.Bytes }, ct);
            Assert.Equal("accepted", answer.Status);
            return answer;
        }

        // Register and authorize, in one batch per step.
        var roles = new (string Id, PlayerRole Role)[] { ("mo", PlayerRole.MarketOperator), ("tradco", PlayerRole.TradingCompany), ("distco", PlayerRole.DistributionCompany), ("transco", PlayerRole.TransmissionCompany), ("p1", PlayerRole.Prosumer), ("p2", PlayerRole.Prosumer) };
        foreach (var (id, _) in roles)
        {
            players[id] = TestPlayer.Named(id);
        }

        var registrations = roles.Select(r => node.Client.Sign(sa.Id, sa.Signer, TransactionType.RegisterPlayer, new RegisterPlayerPayload(players[r.Id].Id, r.Role, PlayerMode.Active, players[r.Id].PublicKey, null).Encode()).Bytes).ToList();
        var registered = await api.SubmitTransactionsAsync(new SubmitBatchRequest { Transactions = registrations }, ct);
        Assert.All(registered.Results, r => Assert.Equal("accepted", r.Status));
        var authorizations = roles.Select(r => node.Client.Sign(sa.Id, sa.Signer, TransactionType.AuthorizePlayer, new PlayerActionPayload(players[r.Id].Id, "onboarding").Encode()).Bytes).ToList();
        var authorized = await api.SubmitTransactionsAsync(new SubmitBatchRequest { Transactions = authorizations }, ct);
        Assert.All(authorized.Results, r => Assert.Equal("accepted", r.Status));

        // Settlement with daily invoices, meters, a certified p2p-fixed contract p1 → p2.
        await SendAsync("sa", SettlementTransactionTypes.ConfigureSettlement, new SettlementConfig(
            Start, ClearingMechanism.PayAsClear, new EnergyPrice(70_000), new EnergyPrice(4_000_000), new EnergyPrice(50_000), new EnergyPrice(10_000),
            [new GridFee(GridLevel.Transmission, new EnergyPrice(10_000), new EnergyPrice(2_000)), new GridFee(GridLevel.MediumVoltage, new EnergyPrice(30_000), new EnergyPrice(1_000)), new GridFee(GridLevel.LowVoltage, new EnergyPrice(80_000), EnergyPrice.Zero)],
            PlayerId.Parse("tradco"),
            ImmutableSortedDictionary.CreateRange([KeyValuePair.Create(GridLevel.Transmission, PlayerId.Parse("transco")), KeyValuePair.Create(GridLevel.MediumVoltage, PlayerId.Parse("distco")), KeyValuePair.Create(GridLevel.LowVoltage, PlayerId.Parse("distco"))]),
            PlayerId.Parse("mo"),
            48,
            BillingDays: 1).Encode());
        var meterKey = TestKeys.ForName("meter-key");
        await SendAsync("p1", SettlementTransactionTypes.RegisterMeter, new MeterRecord("m-p1", players["p1"].Id, meterKey.PublicKey, "zone-a", GridLevel.LowVoltage, MeterKind.Bidirectional, false, 10_000, Start).Encode());
        await SendAsync("p2", SettlementTransactionTypes.RegisterMeter, new MeterRecord("m-p2", players["p2"].Id, meterKey.PublicKey, "zone-a", GridLevel.LowVoltage, MeterKind.Bidirectional, false, 10_000, Start).Encode());
        var source = StandardLibrary.Get("p2p-fixed").Source;
        var analyzed = Flecs.Contracts.Templates.TemplateAnalyzer.Analyze(source).Value;
        var parameters = ContractValue.ParseJson("""{ "price": 120000 }""").Value;
        var sample = ContractValue.Map(("params", parameters), ("inputs", Flecs.Contracts.Templates.DryRunSample.For(analyzed.Meta)["inputs"]!));
        await SendAsync("sa", ContractTransactionTypes.CertifyTemplate, new CertifyTemplatePayload(source, [sample]).Encode());
        var proposal = await SendAsync("p1", ContractTransactionTypes.ProposeContract, new ProposeContractPayload(
            analyzed.Hash, parameters, ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("seller", players["p1"].Id), KeyValuePair.Create("buyer", players["p2"].Id)]), Start, Start + 24).Encode());
        var contractId = Flecs.Core.Identity.Hash256.Parse(proposal.Id);
        await SendAsync("p2", ContractTransactionTypes.AcceptContract, new ContractActionPayload(contractId, contractId, ContractValue.Null, 0, string.Empty).Encode());

        // A day passes: each meter sends its 24 hourly readings (p1 exports 2 kWh an hour, p2 imports 1.5 kWh), the market operator closes the day.
        clock.Set(DateTimeOffset.FromUnixTimeSeconds(((Start + 24) * 3_600) + 10));
        await SendAsync("p1", SettlementTransactionTypes.SubmitReadings, new ReadingsPayload([ReadingBatch.Create(node.Node.Genesis.ChainId, "m-p1", Start, [.. Enumerable.Repeat(new MeterReadingValue(0, 2_000_000), 24)], meterKey)]).Encode());
        await SendAsync("p2", SettlementTransactionTypes.SubmitReadings, new ReadingsPayload([ReadingBatch.Create(node.Node.Genesis.ChainId, "m-p2", Start, [.. Enumerable.Repeat(new MeterReadingValue(1_500_000, 0), 24)], meterKey)]).Encode());
        await SendAsync("mo", SettlementTransactionTypes.CloseIntervals, new ClosePayload(Start + 23).Encode());

        // Reads through the generated client: p2 sees its meter, its contract and its invoice; not p1's.
        var asP2 = new FlecsApiClient(node.SignedAs(players["p2"]));
        var meters = await asP2.GetMetersAsync(ct);
        var contracts = await asP2.GetContractsAsync(ct);
        var invoices = await asP2.GetInvoicesAsync(cancellationToken: ct);
        var invoice = await asP2.GetInvoiceAsync("p2", invoices.Invoices.Single().Period, ct);
        var denied = await Assert.ThrowsAsync<ApiException<ProblemDetails>>(() => asP2.GetInvoiceAsync("p1", invoices.Invoices.Single().Period, ct));
        var market = await api.GetMarketIntervalsAsync(24, ct);

        Assert.Equal(["m-p2"], meters.Meters.Select(m => m.Id));
        Assert.Equal(2, meters.Total);
        Assert.Equal("p2p-fixed", contracts.Contracts.Single().Kind);
        Assert.Equal(24, invoice.Summary.Intervals);
        var contractLine = invoice.Lines.Single(l => l.Kind == "contract");
        Assert.True(contractLine.EnergyMilliwattHours > 0, "p2 received energy under the contract");
        Assert.True(contractLine.MoneyMicros < 0, "p2 paid for it");
        Assert.Equal(invoice.Lines.Sum(l => l.MoneyMicros), invoice.Summary.TotalMicros);
        Assert.Equal(403, denied.StatusCode);
        Assert.Equal(24, market.Intervals.Count);
        Assert.All(market.Intervals, i =>
        {
            Assert.Equal(1_500_000, i.ImportMilliwattHours);
            Assert.Equal(2_000_000, i.ExportMilliwattHours);
            Assert.True(i.ContractMilliwattHours > 0, "the contract delivered");
            // What the contract and the SPM did not balance goes to or from the grid: p1's surplus is fed in.
            Assert.Equal(i.ExportMilliwattHours - i.ImportMilliwattHours, i.GridExportMilliwattHours - i.GridImportMilliwattHours);
        });
    }
}
