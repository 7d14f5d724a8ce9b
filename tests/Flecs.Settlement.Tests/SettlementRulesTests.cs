using System.Collections.Immutable;
using Flecs.Core.Identity;
using Flecs.Core.Units;
using Flecs.Ledger;
using Flecs.Market.Interface;
using Flecs.Node.Sequencing;
using Flecs.Settlement.Close;
using Flecs.Settlement.Meters;
using Flecs.Settlement.Orders;
using Flecs.Settlement.Plans;

namespace Flecs.Settlement.Tests;

/// <summary>Every settlement rejection with its code, on the community node (docs/settlement.md#error-codes).</summary>
public sealed class SettlementRulesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<Community> ConfiguredAsync()
    {
        var c = await Community.CreateAsync(Ct);
        await Community.ExpectAsync(() => c.ConfigureAsync(Community.Config(lateWindow: 60), Ct));
        await c.RegisterMetersAsync(Ct);
        return c;
    }

    private static void Rejected(Submission submission, string code) => Assert.Equal(code, submission.RejectionCode);

    private static MeterReadingValue R(long import, long export) => new(import, export);

    private static ReadingBatch Batch(Community c, string meter, long first, params MeterReadingValue[] values) =>
        ReadingBatch.Create(c.Node.Genesis.ChainId, meter, first, values, Community.MeterKey(meter));

    [Fact]
    public async Task SubmitReadings_EachImplausibleReading_RejectedWithItsCode()
    {
        await using var c = await ConfiguredAsync();
        var t = Community.Start;
        c.AfterEndOf(t + 10);

        Rejected(await c.ReadingsAsync("p1", [Batch(c, "m-p1", t, R(-1, 0))], Ct), SettlementErrors.NegativeReading);
        Rejected(await c.ReadingsAsync("p1", [Batch(c, "m-p1", t, R(170_000, 0))], Ct), SettlementErrors.AboveLimit);
        Rejected(await c.ReadingsAsync("wind", [ReadingBatch.Create(c.Node.Genesis.ChainId, "m-wind", t, [R(5, 0)], Community.MeterKey("m-wind"))], Ct), SettlementErrors.WrongDirection);
        Rejected(await c.ReadingsAsync("p1", [Batch(c, "m-p1", t - 1, R(1, 0))], Ct), SettlementErrors.BeforeStart);
        Rejected(await c.ReadingsAsync("p1", [Batch(c, "m-p1", t + 11, R(1, 0))], Ct), SettlementErrors.FutureReading);
        Rejected(await c.ReadingsAsync("p1", [ReadingBatch.Create(c.Node.Genesis.ChainId, "m-p1", t, [R(1, 0)], Community.MeterKey("m-p2"))], Ct), SettlementErrors.BadReadingSignature);
        Rejected(await c.ReadingsAsync("p1", [Batch(c, "m-nope", t, R(1, 0))], Ct), SettlementErrors.UnknownMeter);
        Rejected(await c.ReadingsAsync("p2", [Batch(c, "m-p1", t, R(1, 0))], Ct), SettlementErrors.NotPermitted);
        Rejected(await c.ReadingsAsync("p1", [Batch(c, "m-p1", t)], Ct), SettlementErrors.BadBatch);

        // 166,666 mWh is the most 10 kW delivers in a minute (mWh × 3.6 ≤ W × s): accepted; a repeat is a duplicate.
        await Community.ExpectAsync(() => c.ReadingsAsync("p1", [Batch(c, "m-p1", t, R(166_666, 0), R(1, 2))], Ct));
        Rejected(await c.ReadingsAsync("p1", [Batch(c, "m-p1", t + 1, R(3, 0))], Ct), SettlementErrors.DuplicateReading);

        // A rejected batch changes nothing: its valid part (t + 2) is accepted on its own afterwards.
        Rejected(await c.ReadingsAsync("p1", [Batch(c, "m-p1", t + 2, R(3, 0)), Batch(c, "m-p1", t + 3, R(-3, 0))], Ct), SettlementErrors.NegativeReading);
        await Community.ExpectAsync(() => c.ReadingsAsync("p1", [Batch(c, "m-p1", t + 2, R(3, 0))], Ct));
    }

    [Fact]
    public async Task SubmitReadings_AfterClose_ActualIsFinalAndEstimateIsReplacedWithinTheWindowOnly()
    {
        await using var c = await ConfiguredAsync();
        var t = Community.Start;
        c.AfterEndOf(t + 1);
        await Community.ExpectAsync(() => c.ReadingsAsync("p1", [Batch(c, "m-p1", t, R(10, 0))], Ct));
        await Community.ExpectAsync(() => c.CloseAsync(t + 1, Ct));

        // t had an actual reading: final. t + 1 was estimated (10 mWh, p1's last actual): its reading replaces the estimate.
        Rejected(await c.ReadingsAsync("p1", [Batch(c, "m-p1", t, R(11, 0))], Ct), SettlementErrors.FinalReading);
        await Community.ExpectAsync(() => c.ReadingsAsync("p1", [Batch(c, "m-p1", t + 1, R(25, 0))], Ct));
        Rejected(await c.ReadingsAsync("p1", [Batch(c, "m-p1", t + 1, R(26, 0))], Ct), SettlementErrors.FinalReading);

        // p2's estimate of t (0: no reading ever) expires after the 60-interval window.
        c.AfterEndOf(t + 70);
        var close = await c.CloseAsync(t + 70, Ct);
        Assert.True(close.IsAccepted, close.RejectionCode);
        Rejected(await c.ReadingsAsync("p2", [Batch(c, "m-p2", t + 5, R(7, 0))], Ct), SettlementErrors.FinalReading);
        await Community.ExpectAsync(() => c.ReadingsAsync("p2", [Batch(c, "m-p2", t + 20, R(7, 0))], Ct));

        // The correction of p1's t + 1 (+15 mWh) was settled by the second close, in the interval t + 2.
        var record = CommunityEndToEndTests.Records(close.Receipt!.Output).First();
        Assert.Equal(t + 2, record.Interval);
        Assert.Equal(0, record.Money);
    }

    [Fact]
    public async Task CloseIntervals_TwoMetersOfOneOwnerCorrected_ResettledTogetherAgainstTheRecordedResidual()
    {
        await using var c = await ConfiguredAsync();
        var t = Community.Start;
        var second = Community.MeterKey("m-p1-b");
        await Community.ExpectAsync(() => c.RegisterMeterAsync("p1", "p1", MeterKind.Bidirectional, GridLevel.LowVoltage, false, 10_000, second.PublicKey, Ct, id: "m-p1-b"));

        // t: m-p1 imports 100,000 mWh, m-p1-b nothing. t + 1 is closed without readings: estimated as t's (p1's residual +100,000).
        c.AfterEndOf(t + 1);
        await Community.ExpectAsync(() => c.ReadingsAsync("p1", [Batch(c, "m-p1", t, R(100_000, 0)), ReadingBatch.Create(c.Node.Genesis.ChainId, "m-p1-b", t, [R(0, 0)], second)], Ct));
        await Community.ExpectAsync(() => c.CloseAsync(t + 1, Ct));

        // The late actuals of t + 1: m-p1 took nothing, m-p1-b fed in 150,000 — together −250,000: p1 turns from import to feed-in.
        await Community.ExpectAsync(() => c.ReadingsAsync("p1", [Batch(c, "m-p1", t + 1, R(0, 0)), ReadingBatch.Create(c.Node.Genesis.ChainId, "m-p1-b", t + 1, [R(0, 150_000)], second)], Ct));
        c.AfterEndOf(t + 2);
        var close = await c.CloseAsync(t + 2, Ct);
        Assert.True(close.IsAccepted, close.RejectionCode);

        // No MPM orders: the fallback price 0.07. Import of 0.1 kWh cost 0.007 + spread 0.005 + low-voltage fee 0.008;
        // feed-in of 0.15 kWh earns 0.0105 − spread 0.0015 − fee 0. The correction is the difference: +0.029 to p1.
        var p1 = Entry(close.Receipt!.Output, "p1");
        Assert.Contains(new JournalLine(LineKind.Correction, (t + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), -250_000, 29_000, 0), p1);
        Assert.Contains(new JournalLine(LineKind.MeteredCorrection, (t + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), -250_000, 0, 0), p1);
    }

    /// <summary>An account's lines in the first interval record of a close receipt.</summary>
    private static List<JournalLine> Entry(ReadOnlyMemory<byte> output, string account)
    {
        var r = Flecs.Ledger.Encoding.Cbor.NewReader(output);
        r.ReadStartArray();
        r.ReadStartArray();
        r.ReadStartArray();
        for (var i = 0; i < 7; i++)
        {
            r.SkipValue();
        }

        var entries = r.ReadStartArray() ?? 0;
        for (var e = 0; e < entries; e++)
        {
            r.ReadStartArray();
            var name = r.ReadTextString();
            var count = r.ReadStartArray() ?? 0;
            var lines = new List<JournalLine>();
            for (var l = 0; l < count; l++)
            {
                lines.Add(JournalLine.Read(r));
            }

            r.ReadEndArray();
            r.ReadEndArray();
            if (string.Equals(name, account, StringComparison.Ordinal))
            {
                return lines;
            }
        }

        throw new InvalidOperationException($"No entry of {account}.");
    }

    [Fact]
    public async Task RegisterMeter_BadRegistrations_RejectedWithTheirCodes()
    {
        await using var c = await ConfiguredAsync();
        var key = Community.MeterKey("x").PublicKey;
        Rejected(await c.RegisterMeterAsync("p1", "p1", MeterKind.Bidirectional, GridLevel.LowVoltage, false, 10_000, key, Ct, id: "m-p1"), SettlementErrors.MeterExists);
        Rejected(await c.RegisterMeterAsync("p1", "p1", MeterKind.Bidirectional, GridLevel.LowVoltage, false, 10_000, key, Ct, id: "bad id"), SettlementErrors.BadMeterId);
        Rejected(await c.RegisterMeterAsync("p1", "p2", MeterKind.Bidirectional, GridLevel.LowVoltage, false, 10_000, key, Ct, id: "m-x"), SettlementErrors.NotPermitted);
        Rejected(await c.RegisterMeterAsync("p1", "p1", MeterKind.Bidirectional, GridLevel.LowVoltage, false, 0, key, Ct, id: "m-x"), SettlementErrors.BadMeter);

        // The AggCo registers for its passive household; the SA may register any meter.
        await Community.ExpectAsync(() => c.RegisterMeterAsync("aggco", "h2", MeterKind.Consumption, GridLevel.LowVoltage, false, 5_000, key, Ct, id: "m-h2-heat-pump"));
        await Community.ExpectAsync(() => c.RegisterMeterAsync("sa", "p4", MeterKind.Production, GridLevel.LowVoltage, true, 5_000, key, Ct, id: "m-p4-pv"));
    }

    [Fact]
    public async Task SubmitOrders_GateRoleAndShape_RejectedWithTheirCodes()
    {
        await using var c = await ConfiguredAsync();
        var t = Community.Start;
        Rejected(await c.OrdersAsync("p1", MarketKind.Mpm, "p1", [new OrderRequest(2, t, 10, 1_000, 50_000, 0)], Ct), SettlementErrors.NotPermitted);
        Rejected(await c.OrdersAsync("p1", MarketKind.Spm, "p2", [new OrderRequest(2, t, 10, 1_000, 50_000, 0)], Ct), SettlementErrors.NotPermitted);
        Rejected(await c.OrdersAsync("p1", MarketKind.Spm, "p1", [new OrderRequest(1, t, 10, 1_000, null, 0)], Ct), SettlementErrors.BadOrder);
        Rejected(await c.OrdersAsync("p1", MarketKind.Spm, "p1", [new OrderRequest(3, t, 10, 1_000, 1, 0)], Ct), SettlementErrors.BadOrder);
        Rejected(await c.OrdersAsync("p1", MarketKind.Spm, "p1", [new OrderRequest(1, t, 10_081, 1_000, 1, 0)], Ct), SettlementErrors.BadOrder);
        Rejected(await c.OrdersAsync("gas", MarketKind.Mpm, "gas", [new OrderRequest(2, t, 10, 1_000, 4_000_001, 5)], Ct), SettlementErrors.BadOrder);
        await Community.ExpectAsync(() => c.OrdersAsync("gas", MarketKind.Mpm, "gas", [new OrderRequest(2, t, 10, 1_000, 4_000_000, 5)], Ct));
        await Community.ExpectAsync(() => c.OrdersAsync("aggco", MarketKind.Spm, "h1", [new OrderRequest(1, t, 10, 1_000, 90_000, 0)], Ct));

        c.Clock.Set(DateTimeOffset.FromUnixTimeSeconds((t * 60) + 1));
        Rejected(await c.OrdersAsync("p1", MarketKind.Spm, "p1", [new OrderRequest(2, t, 10, 1_000, 50_000, 0)], Ct), SettlementErrors.GateClosed);
        await Community.ExpectAsync(() => c.OrdersAsync("p1", MarketKind.Spm, "p1", [new OrderRequest(2, t + 1, 10, 1_000, 50_000, 0)], Ct));
    }

    [Fact]
    public async Task CancelOrders_OwnOrAnyBySa_WithdrawnAndOthersRefused()
    {
        await using var c = await ConfiguredAsync();
        var t = Community.Start;
        Rejected(await c.OrdersAsync("p1", MarketKind.Spm, "p1", [new OrderRequest(2, t, 10, SettlementModule.MaxOrderQuantity + 1, 50_000, 0)], Ct), SettlementErrors.BadOrder);
        Rejected(await c.OrdersAsync("p1", MarketKind.Spm, "p1", [new OrderRequest(2, t, 10, 1_000, 4_000_001, 0)], Ct), SettlementErrors.BadOrder);
        Rejected(await c.OrdersAsync("p1", MarketKind.Spm, "p1", [new OrderRequest(2, t + SettlementModule.MaxOrderLead, 10, 1_000, 50_000, 0)], Ct), SettlementErrors.BadOrder);
        var p1 = await c.OrdersAsync("p1", MarketKind.Spm, "p1", [new OrderRequest(2, t, 10, 1_000, 50_000, 0), new OrderRequest(2, t, 10, 2_000, 60_000, 0)], Ct);
        var h1 = await c.OrdersAsync("aggco", MarketKind.Spm, "h1", [new OrderRequest(1, t, 10, 1_000, 90_000, 0)], Ct);
        Assert.True(p1.IsAccepted && h1.IsAccepted);
        string Id(Submission s, int i) => $"{s.TransactionId}/{i}";
        Task<Submission> CancelAsync(string sender, params string[] ids) =>
            c.SendAsync(sender, SettlementTransactionTypes.CancelOrders, new CancelOrdersPayload((int)MarketKind.Spm, [.. ids]).Encode(), Ct);

        Rejected(await CancelAsync("p2", Id(p1, 0)), SettlementErrors.NotPermitted);
        Rejected(await CancelAsync("p1", "nope/0"), SettlementErrors.UnknownOrder);
        await Community.ExpectAsync(() => CancelAsync("p1", Id(p1, 0)));
        Rejected(await CancelAsync("p1", Id(p1, 0)), SettlementErrors.UnknownOrder);
        await Community.ExpectAsync(() => CancelAsync("aggco", Id(h1, 0)));
        await Community.ExpectAsync(() => CancelAsync("sa", Id(p1, 1)));
        Assert.Empty(OrderList.Decode(c.Node.Chain.State.TryGet(OrderList.StateKey(MarketKind.Spm), out var bytes) ? bytes : throw new InvalidOperationException()));
    }

    [Fact]
    public async Task SubmitPlan_DayAndWeekAhead_KeptAndLateOrOversizedPlansRejected()
    {
        await using var c = await ConfiguredAsync();
        var t = Community.Start;
        var day = Enumerable.Repeat(5_000L, 2 * 1_440).ToImmutableArray();
        await Community.ExpectAsync(() => c.SendAsync("p1", SettlementTransactionTypes.SubmitPlan, new PlanPayload(PlayerId.Parse("p1"), 1, t, 1, day).Encode(), Ct));
        Assert.True(c.Node.Chain.State.TryGet(SettlementModule.PlanKey(PlayerId.Parse("p1"), 1), out _));
        Rejected(await c.SendAsync("p1", SettlementTransactionTypes.SubmitPlan, new PlanPayload(PlayerId.Parse("p1"), 1, t, 1, [.. day, 1, 1]).Encode(), Ct), SettlementErrors.BadPlan);
        await Community.ExpectAsync(() => c.SendAsync("aggco", SettlementTransactionTypes.SubmitPlan, new PlanPayload(PlayerId.Parse("h3"), 2, t, 15, [.. Enumerable.Repeat(4_000L, 2 * 7 * 96)]).Encode(), Ct));

        c.AfterEndOf(t);
        Rejected(await c.SendAsync("p1", SettlementTransactionTypes.SubmitPlan, new PlanPayload(PlayerId.Parse("p1"), 1, t, 1, day).Encode(), Ct), SettlementErrors.PlanTooLate);
    }

    [Fact]
    public async Task ExecuteContract_OnceSettlementIsConfigured_RefusedBecauseTheCloseExecutes()
    {
        await using var c = await ConfiguredAsync();
        await c.MakeContractsAsync(Ct);
        var inputs = Flecs.Contracts.Values.ContractValue.ParseJson($$"""{ "start": "2026-01-02T00:00Z", "minutes": 1, "count": 1, "meters": { "seller": { "import": 0, "export": 5 }, "buyer": { "import": 5, "export": 0 } }, "prices": {} }""").Value;
        var executed = await c.SendAsync("mo", Flecs.Contracts.Lifecycle.ContractTransactionTypes.ExecuteContract, new Flecs.Contracts.Lifecycle.ExecuteContractPayload(c.Contracts["p2p"], inputs).Encode(), Ct);
        Rejected(executed, Flecs.Contracts.ContractErrors.NotPermitted);
    }

    [Fact]
    public async Task CloseIntervals_WrongSenderRangeOrTime_Rejected()
    {
        await using var c = await ConfiguredAsync();
        var t = Community.Start;
        c.AfterEndOf(t + 4);
        Rejected(await c.SendAsync("p1", SettlementTransactionTypes.CloseIntervals, new ClosePayload(t).Encode(), Ct), SettlementErrors.NotPermitted);
        Rejected(await c.CloseAsync(t + 5, Ct), SettlementErrors.BadClose);
        Rejected(await c.CloseAsync(t + IntervalCloser.MaxIntervals, Ct), SettlementErrors.BadClose);
        await Community.ExpectAsync(() => c.CloseAsync(t + 4, Ct));
        Rejected(await c.CloseAsync(t + 4, Ct), SettlementErrors.BadClose);
    }

    [Fact]
    public async Task Configure_BadOrChangedConfiguration_Rejected()
    {
        await using var c = await Community.CreateAsync(Ct);
        var config = Community.Config();
        Rejected(await c.SendAsync("p1", SettlementTransactionTypes.ConfigureSettlement, config.Encode(), Ct), LedgerErrors.WrongRole);
        Rejected(await c.ConfigureAsync(config with { RetailSpread = new EnergyPrice(-1) }, Ct), SettlementErrors.BadConfig);
        Rejected(await c.ConfigureAsync(config with { GridOperators = ImmutableSortedDictionary<GridLevel, PlayerId>.Empty }, Ct), SettlementErrors.BadConfig);
        Rejected(await c.ConfigureAsync(config with { Retailer = PlayerId.Parse("nobody") }, Ct), SettlementErrors.BadConfig);
        Rejected(await c.ReadingsAsync("p1", [Batch(c, "m-p1", Community.Start, R(1, 0))], Ct), SettlementErrors.NotConfigured);
        await Community.ExpectAsync(() => c.ConfigureAsync(config, Ct));
        Rejected(await c.ConfigureAsync(config with { Start = config.Start + 1 }, Ct), SettlementErrors.BadConfig);
        await Community.ExpectAsync(() => c.ConfigureAsync(config with { RetailSpread = new EnergyPrice(60_000) }, Ct));
    }

    [Fact]
    public async Task CloseIntervals_ReplayAndRestart_ChainVerifiesAndSettlementContinues()
    {
        await using var c = await ConfiguredAsync();
        await c.MakeContractsAsync(Ct);
        await c.PlaceOrdersAsync(3, Ct);
        for (var hour = 0; hour < 2; hour++)
        {
            c.AfterEndOf(Community.Start + (hour * 60) + 59);
            await c.SubmitHourAsync(hour, ("m-p2", Community.Start + 30), Ct);
            await Community.ExpectAsync(() => c.CloseAsync(Community.Start + (hour * 60) + 59, Ct));
        }

        var report = await c.RestartAndVerifyAsync();
        Assert.True(report.IsValid, report.ToString());

        c.AfterEndOf(Community.Start + 179);
        await c.SubmitHourAsync(2, null, Ct);
        await Community.ExpectAsync(() => c.CloseAsync(Community.Start + 179, Ct));
        report = await c.RestartAndVerifyAsync();
        Assert.True(report.IsValid, report.ToString());
    }
}
