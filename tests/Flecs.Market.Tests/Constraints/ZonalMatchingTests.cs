using CsCheck;
using Flecs.Core.Units;
using Flecs.Market.Books;
using Flecs.Market.Clearing;
using Flecs.Market.Constraints;

namespace Flecs.Market.Tests.Constraints;

public sealed class ZonalMatchingTests
{
    private static GridConstraints Caps(ZoneLimit[]? zones = null, FlowLimit[]? flows = null) =>
        GridConstraints.Create(zones ?? [], flows ?? []).Value;

    private static ClearingResult Clear(GridConstraints caps, params string[] specs) =>
        DoubleAuction.Clear(Book.Of(specs), ClearingMechanism.PayAsClear, caps).Value;

    [Fact]
    public void Clear_ExportCap_CurtailsCrossZoneTradeAtUnchangedPrice()
    {
        var caps = Caps(zones: [new ZoneLimit("A", null, Book.Kwh("4"))]);

        var result = Clear(caps, "s1 sell 10 0.10 zone=A", "b1 buy 10 0.30 zone=B");

        Assert.Equal(Book.Price("0.20"), result.ClearingPrice);
        Assert.Equal(Book.Kwh("10"), result.AcceptedQuantity);
        Assert.Equal(Book.Kwh("4"), result.ClearedQuantity);
        Assert.Equal(new Fill("b1", "s1", Book.Kwh("4"), Book.Price("0.20"), Book.Price("0.20")), Assert.Single(result.Fills));
        Assert.Equal(Book.Kwh("6"), result.OutcomeOf("b1")!.Curtailed);
        Assert.Equal(Book.Kwh("6"), result.OutcomeOf("s1")!.Curtailed);
    }

    [Fact]
    public void Clear_ImportCap_LimitsWhatTheZoneReceives()
    {
        var caps = Caps(zones: [new ZoneLimit("B", Book.Kwh("3"), null)]);

        var result = Clear(caps, "s1 sell 10 0.10 zone=A", "b1 buy 10 0.30 zone=B");

        Assert.Equal(Book.Kwh("3"), result.ClearedQuantity);
    }

    [Fact]
    public void Clear_PairCap_UnservedAcceptedQuantityIsCurtailedNotRedispatched()
    {
        var caps = Caps(flows: [new FlowLimit("A", "B", Book.Kwh("2"))]);

        var result = Clear(caps, "s1 sell 10 0.10 zone=A", "s2 sell 5 0.15 zone=B", "b1 buy 10 0.30 zone=B");

        Assert.Equal(Book.Price("0.125"), result.ClearingPrice);
        Assert.Equal(Book.Kwh("2"), result.ClearedQuantity);
        Assert.Equal(Book.Kwh("8"), result.OutcomeOf("b1")!.Curtailed);
        Assert.Equal(0, result.OutcomeOf("s2")!.Filled.MilliwattHours);
    }

    [Fact]
    public void Clear_SameZoneTrades_NeverUseCaps()
    {
        var caps = Caps(zones: [new ZoneLimit("A", EnergyQuantity.Zero, EnergyQuantity.Zero)]);

        var result = Clear(caps, "s1 sell 10 0.10 zone=A", "b1 buy 10 0.30 zone=A");

        Assert.Equal(Book.Kwh("10"), result.ClearedQuantity);
    }

    [Fact]
    public void Clear_NoDirectPath_ReroutesThroughMiddleZoneToServeEveryone()
    {
        var caps = Caps(flows: [new FlowLimit("Y", "W", EnergyQuantity.Zero)]);

        var result = Clear(caps, "sy sell 1 0.10 zone=Y", "sz sell 1 0.10 zone=Z", "bz buy 1 0.30 zone=Z", "bw buy 1 0.30 zone=W");

        Assert.Equal(Book.Kwh("2"), result.ClearedQuantity);
        Assert.Contains(new Fill("bz", "sy", Book.Kwh("1"), Book.Price("0.20"), Book.Price("0.20")), result.Fills);
        Assert.Contains(new Fill("bw", "sz", Book.Kwh("1"), Book.Price("0.20"), Book.Price("0.20")), result.Fills);
    }

    [Fact]
    public void Clear_CurtailmentInAZone_HitsLeastCompetitiveAcceptedOrderFirst()
    {
        var caps = Caps(zones: [new ZoneLimit("B", Book.Kwh("5"), null)]);

        var result = Clear(caps, "s1 sell 10 0.10 zone=A", "b1 buy 5 0.40 zone=B", "b2 buy 5 0.30 zone=B");

        Assert.Equal(Book.Kwh("5"), result.OutcomeOf("b1")!.Filled);
        Assert.Equal(Book.Kwh("5"), result.OutcomeOf("b2")!.Curtailed);
    }

    [Fact]
    public void Clear_PayAsBidUnderCaps_MoneyStillSumsToZero()
    {
        var caps = Caps(zones: [new ZoneLimit("A", null, Book.Kwh("4"))]);

        var result = DoubleAuction.Clear(Book.Of("s1 sell 10 0.10 zone=A", "b1 buy 10 0.30 zone=B"), ClearingMechanism.PayAsBid, caps).Value;

        Assert.Equal(800_000, result.OperatorSurplus.Micros);
        Assert.Equal(0, result.Outcomes.Sum(o => o.CashFlow.Micros) + result.OperatorSurplus.Micros);
    }

    [Theory]
    [InlineData("", "B", "market.constraints.bad-zone")]
    [InlineData("A", "A", "market.constraints.bad-zone")]
    public void Create_BadFlow_Fails(string from, string to, string code)
    {
        var result = GridConstraints.Create([], [new FlowLimit(from, to, EnergyQuantity.Zero)]);

        Assert.Equal(code, result.Error?.Code);
    }

    [Fact]
    public void Create_NegativeOrDuplicateCap_Fails()
    {
        Assert.Equal("market.constraints.bad-cap", GridConstraints.Create([new ZoneLimit("A", new EnergyQuantity(-1), null)], []).Error?.Code);
        Assert.Equal("market.constraints.duplicate", GridConstraints.Create([new ZoneLimit("A", null, null), new ZoneLimit("A", null, null)], []).Error?.Code);
    }

    private static readonly Gen<GridConstraints> RandomCaps =
        Gen.Select(Gen.Long[0, 30_000_000].Array[4], Gen.Long[0, 30_000_000].Array[2])
            .Select((zone, pair) => GridConstraints.Create(
                [new ZoneLimit("z1", new(zone[0]), new(zone[1])), new ZoneLimit("z2", new(zone[2]), new(zone[3]))],
                [new FlowLimit("z1", "z2", new(pair[0])), new FlowLimit("z2", "z1", new(pair[1]))]).Value);

    [Fact]
    public void Clear_RandomBooksAndCaps_CapsRespectedAndMoneySumsToZero()
    {
        Gen.Select(RandomBooks.Orders, RandomCaps, Gen.Bool).Sample((orders, caps, payAsBid) =>
        {
            var book = OrderBook.Create(orders).Value;
            var mechanism = payAsBid ? ClearingMechanism.PayAsBid : ClearingMechanism.PayAsClear;
            var free = DoubleAuction.Clear(book, mechanism).Value;
            var result = DoubleAuction.Clear(book, mechanism, caps).Value;

            var exports = new Dictionary<string, long>(StringComparer.Ordinal);
            var imports = new Dictionary<string, long>(StringComparer.Ordinal);
            var pairs = new Dictionary<(string, string), long>();
            foreach (var fill in result.Fills)
            {
                var from = book.Orders[book.IndexOf(fill.SellOrderId)].Zone ?? string.Empty;
                var to = book.Orders[book.IndexOf(fill.BuyOrderId)].Zone ?? string.Empty;
                if (from != to)
                {
                    exports[from] = exports.GetValueOrDefault(from) + fill.Quantity.MilliwattHours;
                    imports[to] = imports.GetValueOrDefault(to) + fill.Quantity.MilliwattHours;
                    pairs[(from, to)] = pairs.GetValueOrDefault((from, to)) + fill.Quantity.MilliwattHours;
                }
            }

            foreach (var (zone, amount) in exports)
            {
                Assert.True(amount <= (caps.MaxExport(zone)?.MilliwattHours ?? long.MaxValue));
            }

            foreach (var (zone, amount) in imports)
            {
                Assert.True(amount <= (caps.MaxImport(zone)?.MilliwattHours ?? long.MaxValue));
            }

            foreach (var ((from, to), amount) in pairs)
            {
                Assert.True(amount <= (caps.MaxFlow(from, to)?.MilliwattHours ?? long.MaxValue));
            }

            Assert.Equal(0, result.Outcomes.Sum(o => o.CashFlow.Micros) + result.OperatorSurplus.Micros);
            Assert.Equal(free.AcceptedQuantity, result.AcceptedQuantity);
            Assert.All(result.Outcomes, o => Assert.InRange(o.Filled.MilliwattHours, 0, o.Accepted.MilliwattHours));
            Assert.All(result.Fills, f => Assert.True(f.BuyerPrice >= f.SellerPrice));
        }, iter: 300);
    }

    [Fact]
    public void Clear_RandomBooksLooseCaps_SameOutcomesAsUnconstrained()
    {
        var loose = Caps(zones: [new ZoneLimit("z1", Book.Kwh("1000000"), Book.Kwh("1000000"))]);
        RandomBooks.Orders.Sample(orders =>
        {
            var book = OrderBook.Create(orders).Value;

            var free = DoubleAuction.Clear(book, ClearingMechanism.PayAsClear).Value;
            var capped = DoubleAuction.Clear(book, ClearingMechanism.PayAsClear, loose).Value;

            Assert.Equal(free.Outcomes.Select(o => o.Filled), capped.Outcomes.Select(o => o.Filled));
            Assert.Equal(free.ClearingPrice, capped.ClearingPrice);
        }, iter: 200);
    }
}
