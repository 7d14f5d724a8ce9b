using Flecs.Market.Books;

namespace Flecs.Market.Tests.Books;

public sealed class OrderBookParserTests
{
    private static OrderFields Fields(int line, string? id = "b1", string? side = "buy", string? quantity = "10", string? price = "0.12") =>
        new(line) { Id = id, Side = side, QuantityKwh = quantity, PricePerKwh = price };

    [Fact]
    public void Parse_ValidFields_ConvertsExactly()
    {
        var book = OrderBookParser.Parse([Fields(2) with { Player = "p1", Zone = "A" }, Fields(3, "s1", "sell", "0.000001", "-0.123456") with { Technology = "hydro" }]).Value;

        var buy = book.Orders[0];
        var sell = book.Orders[1];
        Assert.Equal(10_000_000, buy.Quantity.MilliwattHours);
        Assert.Equal(120_000, buy.LimitPrice!.Value.MicrosPerKilowattHour);
        Assert.Equal("p1", buy.Player!.Value.Value);
        Assert.Equal("A", buy.Zone);
        Assert.Equal(1, sell.Quantity.MilliwattHours);
        Assert.Equal(-123_456, sell.LimitPrice!.Value.MicrosPerKilowattHour);
        Assert.Equal(Technology.Hydro, sell.Technology);
    }

    [Theory]
    [InlineData(null, "buy", "10", "0.1", "market.book.missing-id", "line 7:")]
    [InlineData("b1", "bid", "10", "0.1", "market.book.bad-side", "line 7, order 'b1': side 'bid'")]
    [InlineData("b1", null, "10", "0.1", "market.book.bad-side", "side is missing")]
    [InlineData("b1", "buy", "1.0000001", "0.1", "market.book.bad-quantity", "at most 6 decimals")]
    [InlineData("b1", "buy", "-1", "0.1", "market.book.bad-quantity", "greater than zero")]
    [InlineData("b1", "buy", "0", "0.1", "market.book.bad-quantity", "greater than zero")]
    [InlineData("b1", "buy", "ten", "0.1", "market.book.bad-quantity", "'ten'")]
    [InlineData("b1", "buy", null, "0.1", "market.book.bad-quantity", "quantity_kwh is missing")]
    [InlineData("b1", "buy", "1", "0.1234567", "market.book.bad-price", "at most 6 decimals")]
    [InlineData("b1", "buy", "1", "1e3", "market.book.bad-price", "'1e3'")]
    [InlineData("s1", "sell", "1", null, "market.book.missing-price", "line 7, order 's1'")]
    public void ParseOne_BadField_FailsWithCodeLineAndOrder(string? id, string? side, string? quantity, string? price, string code, string fragment)
    {
        var result = OrderBookParser.ParseOne(Fields(7, id, side, quantity, price), 1);

        Assert.Equal(code, result.Error?.Code);
        Assert.Contains(fragment, result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseOne_UnknownTechnology_Fails()
    {
        var result = OrderBookParser.ParseOne(Fields(4) with { Technology = "fusion" }, 1);

        Assert.Equal("market.book.bad-technology", result.Error?.Code);
    }

    [Fact]
    public void ParseOne_BadPlayer_Fails()
    {
        var result = OrderBookParser.ParseOne(Fields(4) with { Player = "Bad Player" }, 1);

        Assert.Equal("market.book.bad-player", result.Error?.Code);
    }

    [Fact]
    public void Parse_DuplicateId_NamesBothLines()
    {
        var result = OrderBookParser.Parse([Fields(2), Fields(5, "s1", "sell"), Fields(9)]);

        Assert.Equal("market.book.duplicate-id", result.Error?.Code);
        Assert.Equal("line 9, order 'b1': the id is already used at line 2", result.Error!.Message);
    }

    [Fact]
    public void Parse_UnknownLine_NamesPosition()
    {
        var result = OrderBookParser.Parse([Fields(0), Fields(0, "b2", quantity: "x")]);

        Assert.StartsWith("order #2, order 'b2'", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BuyWithoutPrice_IsInelasticDemand()
    {
        var book = OrderBookParser.Parse([Fields(1, price: null)]).Value;

        Assert.Null(book.Orders[0].LimitPrice);
    }
}
