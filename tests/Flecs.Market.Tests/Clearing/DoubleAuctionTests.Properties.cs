using CsCheck;
using Flecs.Market.Books;
using Flecs.Market.Clearing;

namespace Flecs.Market.Tests.Clearing;

public sealed partial class DoubleAuctionTests
{
    public static TheoryData<ClearingMechanism> Mechanisms => [ClearingMechanism.PayAsClear, ClearingMechanism.PayAsBid];

    [Theory]
    [MemberData(nameof(Mechanisms))]
    public void Clear_RandomBooks_NoBuyerAboveLimitNoSellerBelowLimit(ClearingMechanism mechanism)
    {
        RandomBooks.Orders.Sample(orders =>
        {
            var book = OrderBook.Create(orders).Value;
            var result = DoubleAuction.Clear(book, mechanism).Value;

            foreach (var fill in result.Fills)
            {
                Assert.True(fill.BuyerPrice <= book.Orders[book.IndexOf(fill.BuyOrderId)].LimitPrice!.Value);
                Assert.True(fill.SellerPrice >= book.Orders[book.IndexOf(fill.SellOrderId)].LimitPrice!.Value);
                Assert.True(fill.BuyerPrice >= fill.SellerPrice);
            }

            foreach (var outcome in result.Outcomes)
            {
                Assert.InRange(outcome.Filled.MilliwattHours, 0, outcome.Order.Quantity.MilliwattHours);
            }
        }, iter: 300);
    }

    [Theory]
    [MemberData(nameof(Mechanisms))]
    public void Clear_RandomBooks_VolumeIsMaximal(ClearingMechanism mechanism)
    {
        RandomBooks.Orders.Sample(orders =>
        {
            var result = DoubleAuction.Clear(OrderBook.Create(orders).Value, mechanism).Value;

            Assert.Equal(RandomBooks.MaxCrossingVolume(orders), result.ClearedQuantity.MilliwattHours);
            Assert.Equal(result.ClearedQuantity.MilliwattHours, result.Outcomes.Where(o => o.Order.IsBuy).Sum(o => o.Filled.MilliwattHours));
            Assert.Equal(result.ClearedQuantity.MilliwattHours, result.Outcomes.Where(o => !o.Order.IsBuy).Sum(o => o.Filled.MilliwattHours));
        }, iter: 300);
    }

    [Theory]
    [MemberData(nameof(Mechanisms))]
    public void Clear_RandomBooks_MoneySumsToZero(ClearingMechanism mechanism)
    {
        RandomBooks.Orders.Sample(orders =>
        {
            var result = DoubleAuction.Clear(OrderBook.Create(orders).Value, mechanism).Value;

            Assert.Equal(0, result.Outcomes.Sum(o => o.CashFlow.Micros) + result.OperatorSurplus.Micros);
            Assert.Equal(result.Fills.Sum(f => f.Spread.Micros), result.OperatorSurplus.Micros);
            Assert.True(result.OperatorSurplus.Micros >= 0);
            if (mechanism == ClearingMechanism.PayAsClear)
            {
                Assert.Equal(0, result.OperatorSurplus.Micros);
            }
        }, iter: 300);
    }

    [Theory]
    [MemberData(nameof(Mechanisms))]
    public void Clear_RandomBooksShuffled_ResultIndependentOfInputOrder(ClearingMechanism mechanism)
    {
        RandomBooks.OrdersAndShuffled.Sample((orders, shuffled) =>
        {
            var first = DoubleAuction.Clear(OrderBook.Create(orders).Value, mechanism).Value;
            var second = DoubleAuction.Clear(OrderBook.Create(shuffled).Value, mechanism).Value;

            Assert.Equal(first.ClearingPrice, second.ClearingPrice);
            Assert.Equal(first.Fills, second.Fills);
            Assert.Equal(first.Outcomes, second.Outcomes);
        }, iter: 300);
    }

    [Fact]
    public void Clear_RandomBooksPayAsClear_InTheMoneyFullOutOfTheMoneyEmpty()
    {
        RandomBooks.Orders.Sample(orders =>
        {
            var result = DoubleAuction.Clear(OrderBook.Create(orders).Value, ClearingMechanism.PayAsClear).Value;
            if (result.ClearingPrice is not { } price)
            {
                return;
            }

            Assert.InRange(price.MicrosPerKilowattHour, result.ClearingPriceRange!.Value.Low.MicrosPerKilowattHour, result.ClearingPriceRange.Value.High.MicrosPerKilowattHour);
            foreach (var outcome in result.Outcomes)
            {
                var limit = outcome.Order.LimitPrice!.Value;
                var inTheMoney = outcome.Order.IsBuy ? limit > price : limit < price;
                var outOfTheMoney = outcome.Order.IsBuy ? limit < price : limit > price;
                Assert.True(!inTheMoney || outcome.Filled == outcome.Order.Quantity);
                Assert.True(!outOfTheMoney || outcome.Filled.MilliwattHours == 0);
            }
        }, iter: 300);
    }
}
