using System.Collections.Immutable;
using Flecs.Contracts.Library;
using Flecs.Contracts.Lifecycle;
using Flecs.Contracts.Templates;
using Flecs.Contracts.Values;
using Flecs.Core.Identity;
using Flecs.Core.Time;
using Flecs.Core.Units;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Transactions;
using Flecs.Market.Clearing;
using Flecs.Market.Interface;
using Flecs.Node.Clients;
using Flecs.Node.Hosting;
using Flecs.Node.Sequencing;
using Flecs.Settlement;
using Flecs.Settlement.Close;
using Flecs.Settlement.Config;
using Flecs.Settlement.Meters;
using Flecs.Settlement.Orders;
using Flecs.Settlement.Plans;

namespace Flecs.Cli.Commands;

/// <summary>
/// The demo's settlement day (docs/settlement.md): the SA configures settlement, players register meters (households
/// through aggco-1's gateway), place MPM and SPM orders and a plan, then a simulated day at 1-minute intervals passes:
/// each hour every meter submits its signed readings and the market operator closes the hour. Bad readings are
/// refused with their codes, a missed reading is estimated and its late reading re-settled, and at midnight every
/// account gets its invoice.
/// </summary>
internal static class DemoSettlement
{
    private static readonly string[] Households = ["household-1", "household-2", "household-3"];

    public static async Task<IReadOnlyList<Invoice>> RunAsync(EmbeddedNode node, SimulationClock clock, LedgerClient client, PlayerId sa, Ed25519Signer saKey, Func<string, Ed25519Signer> key, Func<string, Task<Submission>, Task<Submission>> record, CancellationToken ct)
    {
        Task<Submission> SendAsync(string step, string sender, Ed25519Signer signer, TransactionType type, byte[] payload) =>
            record(step, client.SendAsync(PlayerId.Parse(sender), signer, type, payload, ct));

        // Tomorrow (UTC) is the settled day; everything before it is set up now.
        var now = clock.GetUtcNow();
        var day = new DateTimeOffset(now.Year, now.Month, now.Day, 0, 0, 0, TimeSpan.Zero).AddDays(1);
        var length = node.Genesis.IntervalLength;
        var start = length.IntervalAt(day.ToUnixTimeSeconds()).Index;
        var perHour = 3_600 / (int)length.Seconds;
        var hours = 24;
        var end = start + (hours * perHour);

        var config = new SettlementConfig(
            start,
            ClearingMechanism.PayAsClear,
            new EnergyPrice(85_000),
            new EnergyPrice(4_000_000),
            new EnergyPrice(40_000),
            new EnergyPrice(15_000),
            [new GridFee(GridLevel.Transmission, new EnergyPrice(8_000), new EnergyPrice(1_000)), new GridFee(GridLevel.MediumVoltage, new EnergyPrice(30_000), new EnergyPrice(500)), new GridFee(GridLevel.LowVoltage, new EnergyPrice(75_000), EnergyPrice.Zero)],
            PlayerId.Parse("tradco-1"),
            ImmutableSortedDictionary.CreateRange([KeyValuePair.Create(GridLevel.Transmission, PlayerId.Parse("transco")), KeyValuePair.Create(GridLevel.MediumVoltage, PlayerId.Parse("distco")), KeyValuePair.Create(GridLevel.LowVoltage, PlayerId.Parse("distco"))]),
            PlayerId.Parse("market-operator"),
            LateWindow: hours * perHour,
            BillingDays: 1);
        await SendAsync("SA configures settlement: P2G tariff, retailer, grid operators, daily billing", "sa", saKey, SettlementTransactionTypes.ConfigureSettlement, config.Encode()).ConfigureAwait(false);

        // Meters: each prosumer's own signing meter, the households' meters read by aggco-1's gateway, the wind farm's.
        using var gateway = Ed25519Signer.Generate();
        var meterKeys = new Dictionary<string, Ed25519Signer>(StringComparer.Ordinal);
        var meters = new List<(string Meter, string Owner, string Sender, Ed25519Signer Key)>();
        try
        {
            foreach (var (owner, kind, level, watts, renewable) in new[]
            {
                ("prosumer-1", MeterKind.Bidirectional, GridLevel.LowVoltage, 12_000L, false),
                ("prosumer-2", MeterKind.Consumption, GridLevel.LowVoltage, 12_000L, false),
                ("prosumer-5", MeterKind.Bidirectional, GridLevel.LowVoltage, 12_000L, false),
                ("genco-wind", MeterKind.Production, GridLevel.Transmission, 20_000_000L, true),
            })
            {
                var meterKey = Ed25519Signer.Generate();
                meterKeys[owner] = meterKey;
                meters.Add(("m-" + owner, owner, owner, meterKey));
                await SendAsync("players register their meters (with the meter's signing key)", owner, key(owner), SettlementTransactionTypes.RegisterMeter, new MeterRecord("m-" + owner, PlayerId.Parse(owner), meterKey.PublicKey, "district-1", level, kind, renewable, watts, start).Encode()).ConfigureAwait(false);
            }

            foreach (var household in Households)
            {
                meters.Add(("m-" + household, household, "aggco-1", gateway));
                await SendAsync("aggco-1 registers its households' meters (read by its gateway)", "aggco-1", key("aggco-1"), SettlementTransactionTypes.RegisterMeter, new MeterRecord("m-" + household, PlayerId.Parse(household), gateway.PublicKey, "district-1", GridLevel.LowVoltage, MeterKind.Consumption, false, 9_000, start).Encode()).ConfigureAwait(false);
            }

            // Contracts executed by the interval close: P2P between neighbours, and a physical PPA from the wind farm.
            var ppa = StandardLibrary.Get("physical-ppa");
            await SendAsync("SA certifies standard contract templates", "sa", saKey, ContractTransactionTypes.CertifyTemplate, new CertifyTemplatePayload(ppa.Source, [DryRunSample.For(ppa.Meta)]).Encode()).ConfigureAwait(false);
            var profile = string.Join(", ", Enumerable.Repeat("30000000", 24));
            foreach (var (kind, seller, buyer, sellerRole, buyerRole, parameters) in new[]
            {
                ("p2p-fixed", "prosumer-5", "prosumer-2", "seller", "buyer", """{ "price": 115000 }"""),
                ("physical-ppa", "genco-wind", "tradco-1", "generator", "offtaker", $$"""{ "price": 62000, "profile": [{{profile}}] }"""),
            })
            {
                var parties = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create(sellerRole, PlayerId.Parse(seller)), KeyValuePair.Create(buyerRole, PlayerId.Parse(buyer))]);
                var proposal = await SendAsync("players agree contracts that the interval close executes", seller, key(seller), ContractTransactionTypes.ProposeContract, new ProposeContractPayload(StandardLibrary.Get(kind).Hash, ContractValue.ParseJson(parameters).Value, parties, start, end).Encode()).ConfigureAwait(false);
                await SendAsync("players agree contracts that the interval close executes", buyer, key(buyer), ContractTransactionTypes.AcceptContract, new ContractActionPayload(proposal.TransactionId, proposal.TransactionId, ContractValue.Null, 0, string.Empty).Encode()).ConfigureAwait(false);
            }

            // Orders for the whole day: the MPM's offers and the System Operator's hourly demand set the MPM price; a small local market.
            Task<Submission> OrdersAsync(string step, string sender, MarketKind market, string player, params OrderRequest[] orders) =>
                SendAsync(step, sender, key(sender), SettlementTransactionTypes.SubmitOrders, new OrdersPayload((int)market, PlayerId.Parse(player), [.. orders]).Encode());
            var intervals = hours * (long)perHour;
            await OrdersAsync("GenCos offer into the MPM for the day", "genco-nuclear", MarketKind.Mpm, "genco-nuclear", new OrderRequest(2, start, intervals, 40_000_000, 12_000, 1)).ConfigureAwait(false);
            await OrdersAsync("GenCos offer into the MPM for the day", "genco-wind", MarketKind.Mpm, "genco-wind", new OrderRequest(2, start, intervals, 25_000_000, 0, 3)).ConfigureAwait(false);
            await OrdersAsync("GenCos offer into the MPM for the day", "genco-gas", MarketKind.Mpm, "genco-gas", new OrderRequest(2, start, intervals, 200_000_000, 95_000, 5)).ConfigureAwait(false);
            await OrdersAsync("the System Operator places its hourly demand forecast", "system-operator", MarketKind.Mpm, "system-operator", [.. Enumerable.Range(0, hours).Select(h => new OrderRequest(1, start + (h * (long)perHour), perHour, Demand(h), null, 0))]).ConfigureAwait(false);
            await OrdersAsync("prosumer-1 offers its PV surplus in the SPM", "prosumer-1", MarketKind.Spm, "prosumer-1", new OrderRequest(2, start, intervals, 20_000, 70_000, 0)).ConfigureAwait(false);
            await OrdersAsync("aggco-1 bids for household-2 in the SPM", "aggco-1", MarketKind.Spm, "household-2", new OrderRequest(1, start, intervals, 15_000, 110_000, 0)).ConfigureAwait(false);
            var plan = Enumerable.Range(0, 24).SelectMany(h => new long[] { 700_000 + (h * 10_000L), h is >= 8 and <= 16 ? 1_500_000L : 0L }).ToImmutableArray();
            await SendAsync("prosumer-1 files a day-ahead plan (hourly)", "prosumer-1", key("prosumer-1"), SettlementTransactionTypes.SubmitPlan, new PlanPayload(PlayerId.Parse("prosumer-1"), 1, start, perHour, plan).Encode()).ConfigureAwait(false);

            // The day passes, hour by hour: readings, then the close.
            var chain = node.Genesis.ChainId;
            var missing = start + (12 * perHour) + 30;
            for (var h = 0; h < hours; h++)
            {
                var first = start + (h * (long)perHour);
                var last = first + perHour - 1;
                clock.Set(DateTimeOffset.FromUnixTimeSeconds(((last + 1) * length.Seconds) + 10));
                if (h == 0)
                {
                    await SendAsync("a meter reports more than its connection allows", "prosumer-1", key("prosumer-1"), SettlementTransactionTypes.SubmitReadings, Readings(chain, "m-prosumer-1", first, [new MeterReadingValue(999_999, 0)], meterKeys["prosumer-1"])).ConfigureAwait(false);
                    await SendAsync("a reading signed with another meter's key", "prosumer-1", key("prosumer-1"), SettlementTransactionTypes.SubmitReadings, Readings(chain, "m-prosumer-1", first, [new MeterReadingValue(1, 0)], meterKeys["prosumer-2"])).ConfigureAwait(false);
                    await SendAsync("a reading for an interval that has not ended", "prosumer-1", key("prosumer-1"), SettlementTransactionTypes.SubmitReadings, Readings(chain, "m-prosumer-1", last + 1, [new MeterReadingValue(1, 0)], meterKeys["prosumer-1"])).ConfigureAwait(false);
                    await OrdersAsync("an order for an interval that has started", "prosumer-1", MarketKind.Spm, "prosumer-1", new OrderRequest(2, first, 1, 1_000, 50_000, 0)).ConfigureAwait(false);
                }

                foreach (var owners in meters.GroupBy(m => m.Sender, StringComparer.Ordinal))
                {
                    var payload = new List<ReadingBatch>();
                    foreach (var m in owners)
                    {
                        if (string.Equals(m.Meter, "m-prosumer-2", StringComparison.Ordinal) && missing >= first && missing <= last)
                        {
                            payload.Add(Batch(chain, m.Meter, first, (int)(missing - first), m.Key));
                            payload.Add(Batch(chain, m.Meter, missing + 1, (int)(last - missing), m.Key));
                        }
                        else
                        {
                            payload.Add(Batch(chain, m.Meter, first, perHour, m.Key));
                        }
                    }

                    await SendAsync("meters submit each hour's signed 1-minute readings", owners.Key, key(owners.Key), SettlementTransactionTypes.SubmitReadings, new ReadingsPayload([.. payload]).Encode()).ConfigureAwait(false);
                }

                if (h == 18)
                {
                    await SendAsync("prosumer-2's missed reading arrives late; it replaces the estimate", "prosumer-2", key("prosumer-2"), SettlementTransactionTypes.SubmitReadings, new ReadingsPayload([Batch(chain, "m-prosumer-2", missing, 1, meterKeys["prosumer-2"])]).Encode()).ConfigureAwait(false);
                }

                await SendAsync("the market operator closes each hour (VEE, contracts, SPM, P2G, journal)", "market-operator", key("market-operator"), SettlementTransactionTypes.CloseIntervals, new ClosePayload(last).Encode()).ConfigureAwait(false);
            }

            var period = BillingPeriod.Of(new DeliveryInterval(length, start), config.BillingDays);
            var invoices = new List<Invoice>();
            foreach (var (k, value) in node.Chain.State.Snapshot())
            {
                if (k.StartsWith("invoice/", StringComparison.Ordinal) && k.EndsWith("/" + period.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
                {
                    invoices.Add(Invoice.Decode(value));
                }
            }

            return invoices;
        }
        finally
        {
            foreach (var meterKey in meterKeys.Values)
            {
                meterKey.Dispose();
            }
        }
    }

    /// <summary>The System Operator's demand in hour <paramref name="hour"/>: a daily shape between 45 and 110 kWh per interval.</summary>
    private static long Demand(int hour) => (45 + (hour is >= 7 and <= 21 ? 40 : 0) + (hour is 8 or 19 ? 25 : 0)) * 1_000_000L;

    /// <summary>A meter's modelled 1-minute reading: household load with a morning and evening peak; PV around noon on prosumer meters; the wind farm's output.</summary>
    private static MeterReadingValue Model(string meter, long interval)
    {
        var minute = (int)(interval % 1_440);
        var hour = minute / 60;
        var seed = meter.Aggregate(17L, (h, c) => ((h * 31) + c) % 1_000_003);
        var wobble = (int)(((interval + seed) * 2_654_435_761L % 1_000 + 1_000) % 1_000);
        var size = 80 + (seed % 40);
        if (string.Equals(meter, "m-genco-wind", StringComparison.Ordinal))
        {
            return new(0, 28_000_000 + (wobble * 4_000L));
        }

        var load = (4_000L + (hour is >= 6 and <= 8 or >= 17 and <= 21 ? 9_000 : 2_000) + (wobble * 6L)) * size / 100;
        if (string.Equals(meter, "m-prosumer-2", StringComparison.Ordinal) && minute == (12 * 60) + 30)
        {
            // The minute prosumer-2's meter misses is the minute its 9 kW sauna heater starts: the estimate is well off.
            load += 150_000;
        }
        var sun = Math.Max(0, 360 - Math.Abs(minute - 780));
        var pv = meter is "m-prosumer-1" or "m-prosumer-5" ? sun * 90L : 0;
        var net = load - pv;
        return new(Math.Max(net, 0), Math.Max(-net, 0));
    }

    private static ReadingBatch Batch(string chain, string meter, long first, int count, Ed25519Signer key) =>
        ReadingBatch.Create(chain, meter, first, [.. Enumerable.Range(0, count).Select(i => Model(meter, first + i))], key);

    private static byte[] Readings(string chain, string meter, long first, MeterReadingValue[] values, Ed25519Signer key) =>
        new ReadingsPayload([ReadingBatch.Create(chain, meter, first, values, key)]).Encode();
}
