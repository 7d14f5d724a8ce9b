using Flecs.Core.Identity;
using Flecs.Core.Units;
using Flecs.Market.Clearing;
using Flecs.Market.Interface;

namespace Flecs.Market.Tests.Interface;

public sealed class PeerToGridSettlementTests
{
    private static readonly PeerToGridTariff Tariff = PeerToGridTariff.Create(
        Book.Price("0.05"),
        Book.Price("0.02"),
        [
            new GridFee(GridLevel.LowVoltage, Book.Price("0.08"), EnergyPrice.Zero),
            new GridFee(GridLevel.MediumVoltage, Book.Price("0.03"), Book.Price("0.001")),
        ]).Value;

    private static ResidualPosition Position(string player, GridLevel level, string netImportKwh) =>
        new(PlayerId.Parse(player), level, netImportKwh.StartsWith('-') ? -Book.Kwh(netImportKwh[1..]) : Book.Kwh(netImportKwh));

    [Fact]
    public void Settle_ImportAndFeedIn_HandComputedMoney()
    {
        var settlement = PeerToGridSettlement.Settle(
            [Position("p2", GridLevel.MediumVoltage, "-4"), Position("p1", GridLevel.LowVoltage, "2.5")],
            Book.Price("0.10"),
            Tariff).Value;

        Assert.Equal(
            [
                new PlayerInterfaceSettlement(PlayerId.Parse("p1"), GridLevel.LowVoltage, Book.Kwh("2.5"), Book.Price("0.23"), new Money(250_000), new Money(125_000), new Money(200_000), new Money(-575_000)),
                new PlayerInterfaceSettlement(PlayerId.Parse("p2"), GridLevel.MediumVoltage, -Book.Kwh("4"), Book.Price("0.079"), new Money(400_000), new Money(80_000), new Money(4_000), new Money(316_000)),
            ],
            settlement.Players);
        Assert.Equal(
            [
                new InterfacePosting(InterfaceAccount.Player, PlayerId.Parse("p1"), null, new Money(-575_000)),
                new InterfacePosting(InterfaceAccount.Player, PlayerId.Parse("p2"), null, new Money(316_000)),
                new InterfacePosting(InterfaceAccount.MainPowerMarket, null, null, new Money(-150_000)),
                new InterfacePosting(InterfaceAccount.Retailer, null, null, new Money(205_000)),
                new InterfacePosting(InterfaceAccount.GridOperator, null, GridLevel.MediumVoltage, new Money(4_000)),
                new InterfacePosting(InterfaceAccount.GridOperator, null, GridLevel.LowVoltage, new Money(200_000)),
            ],
            settlement.Postings);
        Assert.Equal(-Book.Kwh("1.5"), settlement.NetPosition);
        Assert.Equal(0, settlement.Postings.Sum(p => p.Amount.Micros));
    }

    [Fact]
    public void Settle_NegativeMainMarketPrice_FeedInPlayerPays()
    {
        var settlement = PeerToGridSettlement.Settle([Position("p1", GridLevel.LowVoltage, "-1")], Book.Price("-0.05"), Tariff).Value;

        var line = Assert.Single(settlement.Players);
        Assert.Equal(new Money(-70_000), line.PlayerAmount);
        Assert.Equal(Book.Price("-0.07"), line.UnitPrice);
        Assert.Equal(0, settlement.Postings.Sum(p => p.Amount.Micros));
    }

    [Fact]
    public void Settle_HalfMicroComponents_EachRoundedHalfToEvenAndSumToZero()
    {
        var tariff = PeerToGridTariff.Create(new EnergyPrice(1), EnergyPrice.Zero, [new GridFee(GridLevel.LowVoltage, new EnergyPrice(1), EnergyPrice.Zero)]).Value;

        var settlement = PeerToGridSettlement.Settle([Position("p1", GridLevel.LowVoltage, "0.5")], new EnergyPrice(3), tariff).Value;

        var line = Assert.Single(settlement.Players);
        Assert.Equal(new Money(2), line.Energy);
        Assert.Equal(Money.Zero, line.Spread);
        Assert.Equal(Money.Zero, line.GridFee);
        Assert.Equal(new Money(-2), line.PlayerAmount);
        Assert.Equal(0, settlement.Postings.Sum(p => p.Amount.Micros));
    }

    [Fact]
    public void Settle_LevelWithoutFee_Fails()
    {
        var result = PeerToGridSettlement.Settle([Position("p1", GridLevel.Transmission, "1")], Book.Price("0.1"), Tariff);

        Assert.Equal("market.interface.missing-fee", result.Error?.Code);
    }

    [Fact]
    public void Settle_PlayerTwice_Fails()
    {
        var result = PeerToGridSettlement.Settle([Position("p1", GridLevel.LowVoltage, "1"), Position("p1", GridLevel.LowVoltage, "2")], Book.Price("0.1"), Tariff);

        Assert.Equal("market.interface.duplicate-player", result.Error?.Code);
    }

    [Fact]
    public void Create_NegativeSpread_Fails()
    {
        var result = PeerToGridTariff.Create(new EnergyPrice(-1), EnergyPrice.Zero, []);

        Assert.Equal("market.interface.bad-tariff", result.Error?.Code);
    }

    [Fact]
    public void ResidualsOf_Clearing_UnfilledBidsImportUnsoldOffersFeedIn()
    {
        var clearing = DoubleAuction.Clear(
            Book.Of("b1 buy 5 0.30 player=p1", "s1 sell 3 0.10 player=p2", "s2 sell 4 0.40 player=p1"),
            ClearingMechanism.PayAsClear).Value;

        var residuals = PeerToGridSettlement.ResidualsOf(clearing, _ => GridLevel.LowVoltage).Value;

        Assert.Equal([Position("p1", GridLevel.LowVoltage, "-2"), Position("p2", GridLevel.LowVoltage, "0")], residuals);
    }

    [Fact]
    public void ResidualsOf_OrderWithoutPlayer_Fails()
    {
        var clearing = DoubleAuction.Clear(Book.Of("b1 buy 5 0.30"), ClearingMechanism.PayAsClear).Value;

        var result = PeerToGridSettlement.ResidualsOf(clearing, _ => GridLevel.LowVoltage);

        Assert.Equal("market.interface.missing-player", result.Error?.Code);
    }
}
