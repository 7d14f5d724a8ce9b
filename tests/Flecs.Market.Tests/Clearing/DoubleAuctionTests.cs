using Flecs.Market.Clearing;

namespace Flecs.Market.Tests.Clearing;

public sealed partial class DoubleAuctionTests
{
    private static ClearingResult PayAsClear(params string[] specs) => DoubleAuction.Clear(Book.Of(specs), ClearingMechanism.PayAsClear).Value;

    private static ClearingResult PayAsBid(params string[] specs) => DoubleAuction.Clear(Book.Of(specs), ClearingMechanism.PayAsBid).Value;

    private static string Filled(ClearingResult result, string id) => result.OutcomeOf(id)!.Filled.ToKilowattHoursString();

    [Fact]
    public void Clear_UniqueIntersection_PriceWhereDemandStepMeetsSupplyStep()
    {
        var result = PayAsClear("b1 buy 4 0.30", "b2 buy 4 0.20", "s1 sell 3 0.10", "s2 sell 3 0.18", "s3 sell 3 0.26");

        Assert.Equal(Book.Price("0.20"), result.ClearingPrice);
        Assert.Equal(Book.Kwh("6"), result.ClearedQuantity);
        Assert.Equal(new PriceRange(Book.Price("0.20"), Book.Price("0.20")), result.ClearingPriceRange);
        Assert.Equal("4", Filled(result, "b1"));
        Assert.Equal("2", Filled(result, "b2"));
        Assert.Equal("0", Filled(result, "s3"));
    }

    [Fact]
    public void Clear_CutInsideSupplyBlock_PriceIsThatOffer()
    {
        var result = PayAsClear("b1 buy 10 0.30", "s1 sell 6 0.10", "s2 sell 6 0.20");

        Assert.Equal(Book.Price("0.20"), result.ClearingPrice);
        Assert.Equal(Book.Kwh("10"), result.ClearedQuantity);
        Assert.Equal("4", Filled(result, "s2"));
    }

    [Fact]
    public void Clear_CutInsideDemandBlock_PriceIsThatBid()
    {
        var result = PayAsClear("b1 buy 6 0.30", "b2 buy 6 0.25", "s1 sell 10 0.10");

        Assert.Equal(Book.Price("0.25"), result.ClearingPrice);
        Assert.Equal(Book.Kwh("10"), result.ClearedQuantity);
        Assert.Equal("4", Filled(result, "b2"));
    }

    [Fact]
    public void Clear_VerticalOverlap_PriceIsMidpointOfClearingInterval()
    {
        var result = PayAsClear("b1 buy 5 0.30", "b2 buy 5 0.20", "s1 sell 5 0.10", "s2 sell 5 0.25");

        Assert.Equal(new PriceRange(Book.Price("0.20"), Book.Price("0.25")), result.ClearingPriceRange);
        Assert.Equal(Book.Price("0.225"), result.ClearingPrice);
        Assert.Equal(Book.Kwh("5"), result.ClearedQuantity);
    }

    [Fact]
    public void Clear_VerticalOverlapNothingLeftOver_IntervalSpansMarginalOrders()
    {
        var result = PayAsClear("b1 buy 5 0.40", "s1 sell 5 0.10");

        Assert.Equal(new PriceRange(Book.Price("0.10"), Book.Price("0.40")), result.ClearingPriceRange);
        Assert.Equal(Book.Price("0.25"), result.ClearingPrice);
    }

    [Fact]
    public void Clear_MidpointHalfMicro_RoundsHalfToEven()
    {
        var odd = PayAsClear("b1 buy 1 0.200002", "s1 sell 1 0.200001");
        var even = PayAsClear("b1 buy 1 0.200003", "s1 sell 1 0.200002");

        Assert.Equal(Book.Price("0.200002"), odd.ClearingPrice);
        Assert.Equal(Book.Price("0.200002"), even.ClearingPrice);
    }

    [Fact]
    public void Clear_HorizontalOverlap_PriceIsCommonPriceAndVolumeIsMaximal()
    {
        var result = PayAsClear("b1 buy 4 0.20", "b2 buy 10 0.10", "s1 sell 3 0.05", "s2 sell 6 0.10");

        Assert.Equal(Book.Price("0.10"), result.ClearingPrice);
        Assert.Equal(Book.Kwh("9"), result.ClearedQuantity);
        Assert.Equal("5", Filled(result, "b2"));
    }

    [Fact]
    public void Clear_EqualPriceTiesOnBothSides_MarginalLevelsSharedProRata()
    {
        var result = PayAsClear(
            "b1 buy 3 0.30", "b2 buy 6 0.20", "b3 buy 3 0.20",
            "s1 sell 4 0.10", "s2 sell 4 0.15", "s3 sell 2 0.15", "s4 sell 9 0.40");

        Assert.Equal(Book.Kwh("10"), result.ClearedQuantity);
        Assert.Equal(Book.Price("0.20"), result.ClearingPrice);
        Assert.Equal("3", Filled(result, "b1"));
        Assert.Equal("4.666667", Filled(result, "b2"));
        Assert.Equal("2.333333", Filled(result, "b3"));
        Assert.Equal("4", Filled(result, "s1"));
        Assert.Equal("4", Filled(result, "s2"));
        Assert.Equal("2", Filled(result, "s3"));
    }

    [Fact]
    public void Clear_ProRataRemainder_GoesToLowerId()
    {
        var result = PayAsClear("b1 buy 0.000001 0.30", "bx buy 0.000001 0.20", "ba buy 0.000001 0.20", "s1 sell 0.000002 0.10");

        Assert.Equal("0.000001", Filled(result, "ba"));
        Assert.Equal("0", Filled(result, "bx"));
    }

    [Theory]
    [InlineData("b1 buy 5 0.30")]
    [InlineData("s1 sell 5 0.10")]
    public void Clear_EmptySide_NothingClears(string only)
    {
        var result = PayAsClear(only);

        Assert.Null(result.ClearingPrice);
        Assert.Null(result.ClearingPriceRange);
        Assert.Equal(Book.Kwh("0"), result.ClearedQuantity);
        Assert.Empty(result.Fills);
    }

    [Fact]
    public void Clear_BooksDoNotCross_NothingClears()
    {
        var result = PayAsClear("b1 buy 5 0.10", "b2 buy 5 0.09", "s1 sell 5 0.11");

        Assert.Null(result.ClearingPrice);
        Assert.Empty(result.Fills);
        Assert.Equal("0", Filled(result, "b1"));
    }

    [Fact]
    public void Clear_NegativePrices_BuyerIsPaidToTakeEnergy()
    {
        var result = PayAsClear("b1 buy 5 -0.01", "s1 sell 8 -0.05");

        Assert.Equal(Book.Price("-0.05"), result.ClearingPrice);
        Assert.Equal(250_000, result.OutcomeOf("b1")!.CashFlow.Micros);
        Assert.Equal(-250_000, result.OutcomeOf("s1")!.CashFlow.Micros);
    }

    [Fact]
    public void Clear_PermutedInput_SameResult()
    {
        string[] specs = ["b1 buy 3 0.30", "b2 buy 6 0.20", "b3 buy 3 0.20", "s1 sell 4 0.10", "s2 sell 4 0.15", "s3 sell 2 0.15"];
        var reference = PayAsClear(specs);

        var permuted = PayAsClear([.. specs.Reverse()]);
        var rotated = PayAsClear([.. specs.Skip(2), .. specs.Take(2)]);

        Assert.Equal(reference.Fills, permuted.Fills);
        Assert.Equal(reference.Fills, rotated.Fills);
        Assert.Equal(reference.ClearingPrice, permuted.ClearingPrice);
    }

    [Fact]
    public void Clear_PayAsClear_BuyerPaysWhatSellerReceives()
    {
        var result = PayAsClear("b1 buy 5 0.30", "b2 buy 5 0.20", "s1 sell 5 0.10", "s2 sell 5 0.25");

        var fill = Assert.Single(result.Fills);
        Assert.Equal(new Fill("b1", "s1", Book.Kwh("5"), Book.Price("0.225"), Book.Price("0.225")), fill);
        Assert.Equal(1_125_000, fill.BuyerPays.Micros);
        Assert.Equal(fill.BuyerPays, fill.SellerReceives);
        Assert.Equal(0, result.OperatorSurplus.Micros);
    }

    [Fact]
    public void Clear_PayAsBid_EachSidePaysOwnLimitAndOperatorKeepsSpread()
    {
        var result = PayAsBid("b1 buy 4 0.30", "b2 buy 4 0.20", "s1 sell 3 0.10", "s2 sell 3 0.18", "s3 sell 3 0.26");

        Assert.Null(result.ClearingPrice);
        Assert.Equal(
            [
                new Fill("b1", "s1", Book.Kwh("3"), Book.Price("0.30"), Book.Price("0.10")),
                new Fill("b1", "s2", Book.Kwh("1"), Book.Price("0.30"), Book.Price("0.18")),
                new Fill("b2", "s2", Book.Kwh("2"), Book.Price("0.20"), Book.Price("0.18")),
            ],
            result.Fills);
        Assert.Equal(2, result.FillsOf("b1").Count);
        Assert.Equal(2, result.FillsOf("s2").Count);
        Assert.Equal(-1_200_000, result.OutcomeOf("b1")!.CashFlow.Micros);
        Assert.Equal(-400_000, result.OutcomeOf("b2")!.CashFlow.Micros);
        Assert.Equal(300_000, result.OutcomeOf("s1")!.CashFlow.Micros);
        Assert.Equal(540_000, result.OutcomeOf("s2")!.CashFlow.Micros);
        Assert.Equal(760_000, result.OperatorSurplus.Micros);
    }

    [Fact]
    public void Clear_PayAsBidHalfMicroValues_EachFillRoundsHalfToEvenAndMoneySumsToZero()
    {
        var result = PayAsBid("b1 buy 0.5 0.000003", "s1 sell 0.5 0.000001");

        Assert.Equal(-2, result.OutcomeOf("b1")!.CashFlow.Micros);
        Assert.Equal(0, result.OutcomeOf("s1")!.CashFlow.Micros);
        Assert.Equal(2, result.OperatorSurplus.Micros);
    }

    [Fact]
    public void Clear_BuyWithoutPrice_FailsMissingPrice()
    {
        var result = DoubleAuction.Clear(Book.Of("d1 buy 5 -", "s1 sell 5 0.1"), ClearingMechanism.PayAsClear);

        Assert.Equal("market.book.missing-price", result.Error?.Code);
        Assert.Contains("'d1'", result.Error!.Message, StringComparison.Ordinal);
    }
}
