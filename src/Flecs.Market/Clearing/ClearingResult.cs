using Flecs.Core.Units;
using Flecs.Market.Books;

namespace Flecs.Market.Clearing;

/// <summary>The outcome of one Segmented Power Market double auction: price, volume, fills and each order's outcome.</summary>
/// <remarks>
/// Money sums to zero: Σ <see cref="OrderOutcome.CashFlow"/> + <see cref="OperatorSurplus"/> = 0 (buyers pay,
/// sellers receive, the market operator keeps the pay-as-bid spread). docs/market-rules.md §2–§3.
/// </remarks>
public sealed class ClearingResult
{
    private readonly OrderBook _book;
    private readonly long[] _accepted;
    private readonly long[] _filled;
    private readonly long[] _cash;
    private OrderOutcome[]? _outcomes;

    private ClearingResult(OrderBook book, ClearingMechanism mechanism, EnergyPrice? price, PriceRange? range, IReadOnlyList<Fill> fills, long[] accepted, long[] filled, long[] cash)
    {
        _book = book;
        Mechanism = mechanism;
        ClearingPrice = price;
        ClearingPriceRange = range;
        Fills = fills;
        _accepted = accepted;
        _filled = filled;
        _cash = cash;
        long cleared = 0;
        long acceptedTotal = 0;
        long surplus = 0;
        for (var i = 0; i < book.Count; i++)
        {
            if (book.IsBuy[i])
            {
                cleared += filled[i];
                acceptedTotal += accepted[i];
            }

            surplus -= cash[i];
        }

        ClearedQuantity = new EnergyQuantity(cleared);
        AcceptedQuantity = new EnergyQuantity(acceptedTotal);
        OperatorSurplus = new Money(surplus);
    }

    /// <summary>The mechanism that priced the fills.</summary>
    public ClearingMechanism Mechanism { get; }

    /// <summary>The uniform price under pay-as-clear; <see langword="null"/> when nothing clears, and always under pay-as-bid (each fill has its own prices).</summary>
    public EnergyPrice? ClearingPrice { get; }

    /// <summary>The interval of market-clearing prices of the crossing, or <see langword="null"/> when the book does not cross.</summary>
    public PriceRange? ClearingPriceRange { get; }

    /// <summary>The energy traded: the sum of all fills.</summary>
    public EnergyQuantity ClearedQuantity { get; }

    /// <summary>The volume the price rule accepted (the maximal crossing volume); exceeds <see cref="ClearedQuantity"/> by what grid constraints curtailed.</summary>
    public EnergyQuantity AcceptedQuantity { get; }

    /// <summary>The fills, in the order they were formed (price priority; zone pairs in order under constraints).</summary>
    public IReadOnlyList<Fill> Fills { get; }

    /// <summary>What the market operator keeps: the sum of the fills' spreads (zero under pay-as-clear).</summary>
    public Money OperatorSurplus { get; }

    /// <summary>Every order's outcome, ids ascending (the book's canonical order).</summary>
    public IReadOnlyList<OrderOutcome> Outcomes => _outcomes ??= BuildOutcomes();

    /// <summary>The outcome of one order, or <see langword="null"/> for an unknown id.</summary>
    public OrderOutcome? OutcomeOf(string orderId)
    {
        var index = _book.IndexOf(orderId);
        return index < 0 ? null : Outcomes[index];
    }

    /// <summary>The fills of one order (as buyer or seller), in formation order.</summary>
    public IReadOnlyList<Fill> FillsOf(string orderId)
    {
        ArgumentNullException.ThrowIfNull(orderId);
        var fills = new List<Fill>();
        foreach (var fill in Fills)
        {
            if (string.Equals(fill.BuyOrderId, orderId, StringComparison.Ordinal) || string.Equals(fill.SellOrderId, orderId, StringComparison.Ordinal))
            {
                fills.Add(fill);
            }
        }

        return fills;
    }

    internal static ClearingResult Build(OrderBook book, ClearingMechanism mechanism, Crossing crossing, List<Match> matches, EnergyPrice? uniformPrice)
    {
        var accepted = new long[book.Count];
        for (var k = 0; k < crossing.BidAccepted.Length; k++)
        {
            accepted[crossing.Bids[k]] = crossing.BidAccepted[k];
        }

        for (var k = 0; k < crossing.AskAccepted.Length; k++)
        {
            accepted[crossing.Asks[k]] = crossing.AskAccepted[k];
        }

        var filled = new long[book.Count];
        var cash = new long[book.Count];
        var fills = new Fill[matches.Count];
        var orders = book.Orders;
        for (var k = 0; k < fills.Length; k++)
        {
            var match = matches[k];
            var buyerPrice = uniformPrice ?? book.PriceAt(match.Bid);
            var sellerPrice = uniformPrice ?? book.PriceAt(match.Ask);
            var fill = new Fill(orders[match.Bid].Id, orders[match.Ask].Id, new EnergyQuantity(match.Quantity), buyerPrice, sellerPrice);
            fills[k] = fill;
            filled[match.Bid] += match.Quantity;
            filled[match.Ask] += match.Quantity;
            var paid = fill.BuyerPays.Micros;
            cash[match.Bid] -= paid;
            cash[match.Ask] += uniformPrice is null ? fill.SellerReceives.Micros : paid;
        }

        var range = crossing.Volume > 0 ? new PriceRange(new EnergyPrice(crossing.Lower), new EnergyPrice(crossing.Upper)) : (PriceRange?)null;
        var price = matches.Count > 0 && mechanism == ClearingMechanism.PayAsClear ? uniformPrice : null;
        return new ClearingResult(book, mechanism, price, range, fills, accepted, filled, cash);
    }

    private OrderOutcome[] BuildOutcomes()
    {
        var outcomes = new OrderOutcome[_book.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            outcomes[i] = new OrderOutcome(_book.Orders[i], new EnergyQuantity(_accepted[i]), new EnergyQuantity(_filled[i]), new Money(_cash[i]));
        }

        return outcomes;
    }
}
