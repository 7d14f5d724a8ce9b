using Flecs.Core.Units;
using Flecs.Market.Books;

namespace Flecs.Market.Tests.Books;

public sealed class OrderBookTests
{
    [Fact]
    public void Create_AnyInputOrder_OrdersByOrdinalId()
    {
        var book = Book.Of("b10 buy 1 0.1", "B2 buy 1 0.1", "a sell 1 0.1", "b2 buy 1 0.1");

        Assert.Equal(["B2", "a", "b10", "b2"], book.Orders.Select(o => o.Id));
        Assert.Equal(2, book.IndexOf("b10"));
        Assert.Equal(-1, book.IndexOf("zz"));
    }

    [Fact]
    public void Create_DuplicateId_Fails()
    {
        var result = OrderBook.Create([Book.ParseSpec("x buy 1 0.1"), Book.ParseSpec("x sell 1 0.1")]);

        Assert.Equal("market.book.duplicate-id", result.Error?.Code);
    }

    [Theory]
    [InlineData(0, 1, "market.book.bad-quantity")]
    [InlineData(-5, 1, "market.book.bad-quantity")]
    [InlineData(1, 1_000_000_001, "market.book.bad-price")]
    [InlineData(1, -1_000_000_001, "market.book.bad-price")]
    public void Create_OutOfRangeValues_Fail(long milliwattHours, long micros, string code)
    {
        var result = OrderBook.Create([new Order("x", OrderSide.Buy, new EnergyQuantity(milliwattHours), new EnergyPrice(micros))]);

        Assert.Equal(code, result.Error?.Code);
    }

    [Fact]
    public void Create_SideAboveOneTerawattHour_FailsTooLarge()
    {
        var big = new EnergyQuantity(OrderBook.MaxSideQuantityMilliwattHours);

        var result = OrderBook.Create([new Order("a", OrderSide.Sell, big, EnergyPrice.Zero), new Order("b", OrderSide.Sell, big, EnergyPrice.Zero)]);

        Assert.Equal("market.book.too-large", result.Error?.Code);
    }
}
