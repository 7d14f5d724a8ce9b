using Flecs.Market.Books;
using Flecs.Market.MeritOrder;

namespace Flecs.Market.Tests.MeritOrder;

public sealed class MeritOrderClearingTests
{
    private static readonly string[] Fleet =
    [
        "n1 sell 100 0.01 tech=nuclear",
        "w1 sell 50 0.00 tech=wind",
        "h1 sell 40 0.045 tech=hydro",
        "g1 sell 100 0.08 tech=gas",
        "o1 sell 50 0.20 tech=oil",
    ];

    private static MeritOrderResult Clear(params string[] specs) => MeritOrderClearing.Clear(Book.Of(specs)).Value;

    private static string Dispatched(MeritOrderResult result, string unit) =>
        result.Dispatch.Single(d => d.Offer.Id == unit).Dispatched.ToKilowattHoursString();

    [Fact]
    public void Clear_InelasticDemandCutInsideSupplyBlock_PriceIsMarginalUnit()
    {
        var result = Clear([.. Fleet, "d1 buy 220 -"]);

        Assert.Equal(Book.Price("0.08"), result.Price);
        Assert.Equal(["w1", "n1", "h1", "g1", "o1"], result.Dispatch.Select(d => d.Offer.Id));
        Assert.Equal("50", Dispatched(result, "w1"));
        Assert.Equal("100", Dispatched(result, "n1"));
        Assert.Equal("40", Dispatched(result, "h1"));
        Assert.Equal("30", Dispatched(result, "g1"));
        Assert.Equal("0", Dispatched(result, "o1"));
        Assert.Equal(0, result.UnservedQuantity.MilliwattHours);
        Assert.False(result.IsScarcity);
    }

    [Fact]
    public void Clear_DemandEndsExactlyAtBlockEdge_PriceIsLastDispatchedUnit()
    {
        var result = Clear([.. Fleet, "d1 buy 150 -"]);

        Assert.Equal(Book.Price("0.01"), result.Price);
        Assert.Equal(Book.Price("0.01"), result.Clearing.ClearingPriceRange!.Value.Low);
        Assert.Equal(Book.Price("0.045"), result.Clearing.ClearingPriceRange!.Value.High);
    }

    [Fact]
    public void Clear_CutInsideDemandBlock_PriceIsMarginalBid()
    {
        var result = Clear("w1 sell 50 0.00 tech=wind", "n1 sell 100 0.01 tech=nuclear", "d1 buy 100 -", "b1 buy 100 0.05");

        Assert.Equal(Book.Price("0.05"), result.Price);
        Assert.Equal(Book.Kwh("150"), result.DispatchedQuantity);
        Assert.Equal("50", result.Clearing.OutcomeOf("b1")!.Filled.ToKilowattHoursString());
        Assert.Equal(0, result.UnservedQuantity.MilliwattHours);
    }

    [Fact]
    public void Clear_BidBetweenUnitCosts_BidSetsPriceAndIsPartlyServed()
    {
        var result = Clear([.. Fleet, "d1 buy 120 -", "b1 buy 100 0.03"]);

        Assert.Equal(Book.Price("0.03"), result.Price);
        Assert.Equal("0", Dispatched(result, "h1"));
        Assert.Equal("30", result.Clearing.OutcomeOf("b1")!.Filled.ToKilowattHoursString());
    }

    [Fact]
    public void Clear_DemandAboveSupply_ScarcityAtCapAndUnservedSharedProRata()
    {
        var result = Clear("w1 sell 50 0.00", "n1 sell 100 0.01", "d1 buy 120 -", "d2 buy 60 -");

        Assert.True(result.IsScarcity);
        Assert.Equal(MeritOrderOptions.DefaultPriceCap, result.Price);
        Assert.Equal(Book.Kwh("30"), result.UnservedQuantity);
        Assert.Equal("100", result.Clearing.OutcomeOf("d1")!.Filled.ToKilowattHoursString());
        Assert.Equal("50", result.Clearing.OutcomeOf("d2")!.Filled.ToKilowattHoursString());
        Assert.Equal(-400_000_000, result.Clearing.OutcomeOf("d1")!.CashFlow.Micros);
    }

    [Fact]
    public void Clear_ScarcityWithCustomCap_PriceIsThatCap()
    {
        var options = new MeritOrderOptions { PriceCap = Book.Price("3") };

        var result = MeritOrderClearing.Clear(Book.Of("w1 sell 50 0.00", "d1 buy 60 -"), options).Value;

        Assert.Equal(Book.Price("3"), result.Price);
        Assert.Equal(Book.Kwh("10"), result.UnservedQuantity);
    }

    [Fact]
    public void Clear_NoSupply_NothingDispatchedAllUnserved()
    {
        var result = Clear("d1 buy 60 -");

        Assert.Null(result.Price);
        Assert.Equal(Book.Kwh("60"), result.UnservedQuantity);
    }

    [Fact]
    public void Clear_NoDemand_NothingDispatched()
    {
        var result = Clear(Fleet);

        Assert.Null(result.Price);
        Assert.All(result.Dispatch, d => Assert.Equal(0, d.Dispatched.MilliwattHours));
    }

    [Fact]
    public void Clear_EqualCostUnitsAtTheMargin_ShareProRata()
    {
        var result = Clear("s1 sell 60 0.00 tech=solar", "w1 sell 40 0.00 tech=wind", "d1 buy 50 -");

        Assert.Equal("30", Dispatched(result, "s1"));
        Assert.Equal("20", Dispatched(result, "w1"));
    }

    [Theory]
    [InlineData("o1 sell 5 4.000001")]
    [InlineData("b1 buy 5 4.5")]
    public void Clear_PriceAboveCap_Fails(string spec)
    {
        var result = MeritOrderClearing.Clear(Book.Of(spec, "d1 buy 1 -"));

        Assert.Equal("market.merit-order.price-above-cap", result.Error?.Code);
    }

    [Fact]
    public void Clear_Fleet_DispatchByTechnologyAndRevenue()
    {
        var result = Clear([.. Fleet, "d1 buy 220 -"]);

        Assert.Equal(
            [
                new TechnologyDispatch(Technology.Nuclear, Book.Kwh("100"), Book.Kwh("100")),
                new TechnologyDispatch(Technology.Hydro, Book.Kwh("40"), Book.Kwh("40")),
                new TechnologyDispatch(Technology.Wind, Book.Kwh("50"), Book.Kwh("50")),
                new TechnologyDispatch(Technology.Gas, Book.Kwh("100"), Book.Kwh("30")),
                new TechnologyDispatch(Technology.Oil, Book.Kwh("50"), Book.Kwh("0")),
            ],
            result.DispatchByTechnology);
        Assert.Equal(8_000_000, result.Dispatch.Single(d => d.Offer.Id == "n1").Revenue.Micros);
        Assert.Equal(0, result.Clearing.Outcomes.Sum(o => o.CashFlow.Micros));
    }

    [Fact]
    public void Clear_PermutedFleet_SameDispatch()
    {
        var forward = Clear([.. Fleet, "d1 buy 220 -", "b1 buy 20 0.09"]);
        var backward = Clear([.. Fleet.Reverse(), "b1 buy 20 0.09", "d1 buy 220 -"]);

        Assert.Equal(forward.Dispatch, backward.Dispatch);
        Assert.Equal(forward.Clearing.Fills, backward.Clearing.Fills);
    }
}
