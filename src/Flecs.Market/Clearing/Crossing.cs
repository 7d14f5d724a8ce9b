using Flecs.Core.Units;
using Flecs.Market.Books;

namespace Flecs.Market.Clearing;

/// <summary>
/// The shared core of every clearing: both sides ranked by price priority, the volume-maximizing crossing
/// walk, the interval of market-clearing prices, and the acceptance of each order (pro-rata at the
/// marginal price level). docs/market-rules.md §1–§2.
/// </summary>
/// <remarks>
/// Hot path for 100,000-order books: ranks are sorted as packed <see cref="long"/> keys
/// (<c>price · 2²⁴ + canonical index</c>), so a primitive sort gives price priority with the lower ordinal
/// id first on ties (the canonical index is the id's rank). No LINQ, no per-order allocation.
/// </remarks>
internal sealed class Crossing
{
    private const int IndexBits = 24;
    private const long IndexMask = (1L << IndexBits) - 1;
    private const long PriceOffset = 1L << 30;

    private Crossing(int[] bids, int[] asks)
    {
        Bids = bids;
        Asks = asks;
        BidAccepted = [];
        AskAccepted = [];
    }

    /// <summary>Canonical indices of the bids, best (highest price) first, ties by id.</summary>
    public int[] Bids { get; }

    /// <summary>Canonical indices of the offers, best (lowest price) first, ties by id.</summary>
    public int[] Asks { get; }

    /// <summary>Accepted mWh per position of <see cref="Bids"/> (a prefix; positions past its length accept nothing).</summary>
    public long[] BidAccepted { get; private set; }

    /// <summary>Accepted mWh per position of <see cref="Asks"/> (a prefix).</summary>
    public long[] AskAccepted { get; private set; }

    /// <summary>The cleared volume in mWh (maximal).</summary>
    public long Volume { get; private set; }

    /// <summary>The lowest market-clearing price (µ/kWh); meaningful when <see cref="Volume"/> is positive.</summary>
    public long Lower { get; private set; }

    /// <summary>The highest market-clearing price (µ/kWh); meaningful when <see cref="Volume"/> is positive.</summary>
    public long Upper { get; private set; }

    /// <summary>True when some bid stayed (partly) unmatched at the end of the walk: demand was left over.</summary>
    public bool HasUnmatchedDemand { get; private set; }

    /// <summary>Ranks, walks and allocates a book.</summary>
    /// <param name="book">The book.</param>
    /// <param name="inelasticLimit">The pricing limit (µ/kWh) of bids without a price; they rank before every priced bid.</param>
    public static Crossing Compute(OrderBook book, long inelasticLimit)
    {
        var quantities = book.Quantities;
        var prices = book.Prices;
        var hasPrice = book.HasPrice;
        var isBuy = book.IsBuy;
        var bidKeys = new long[book.BuyCount];
        var askKeys = new long[book.Count - book.BuyCount];
        var nb = 0;
        var na = 0;
        for (var i = 0; i < book.Count; i++)
        {
            if (isBuy[i])
            {
                var sortPrice = hasPrice[i] ? prices[i] : OrderBook.MaxAbsolutePriceMicrosPerKilowattHour + 1;
                bidKeys[nb++] = ((PriceOffset - sortPrice) << IndexBits) | (long)i;
            }
            else
            {
                askKeys[na++] = ((PriceOffset + prices[i]) << IndexBits) | (long)i;
            }
        }

        Array.Sort(bidKeys);
        Array.Sort(askKeys);
        var bids = new int[nb];
        for (var k = 0; k < nb; k++)
        {
            bids[k] = (int)(bidKeys[k] & IndexMask);
        }

        var asks = new int[na];
        for (var k = 0; k < na; k++)
        {
            asks[k] = (int)(askKeys[k] & IndexMask);
        }

        var crossing = new Crossing(bids, asks);
        crossing.Walk(quantities, prices, hasPrice, inelasticLimit, bidKeys, askKeys);
        return crossing;
    }

    private void Walk(long[] quantities, long[] prices, bool[] hasPrice, long inelasticLimit, long[] bidKeys, long[] askKeys)
    {
        var nb = Bids.Length;
        var na = Asks.Length;
        var i = 0;
        var j = 0;
        long remainingBid = nb > 0 ? quantities[Bids[0]] : 0;
        long remainingAsk = na > 0 ? quantities[Asks[0]] : 0;
        long volume = 0;
        var lastBid = -1;
        var lastAsk = -1;
        while (i < nb && j < na && BidLimit(Bids[i]) >= prices[Asks[j]])
        {
            var matched = Math.Min(remainingBid, remainingAsk);
            volume += matched;
            remainingBid -= matched;
            remainingAsk -= matched;
            lastBid = i;
            lastAsk = j;
            if (remainingBid == 0 && ++i < nb)
            {
                remainingBid = quantities[Bids[i]];
            }

            if (remainingAsk == 0 && ++j < na)
            {
                remainingAsk = quantities[Asks[j]];
            }
        }

        Volume = volume;
        HasUnmatchedDemand = i < nb;
        if (volume == 0)
        {
            return;
        }

        var lower = prices[Asks[lastAsk]];
        var upper = BidLimit(Bids[lastBid]);
        if (i < nb)
        {
            lower = Math.Max(lower, BidLimit(Bids[i]));
        }

        if (j < na)
        {
            upper = Math.Min(upper, prices[Asks[j]]);
        }

        Lower = lower;
        Upper = upper;
        BidAccepted = Allocate(Bids, bidKeys, lastBid, quantities, volume);
        AskAccepted = Allocate(Asks, askKeys, lastAsk, quantities, volume);

        long BidLimit(int index) => hasPrice[index] ? prices[index] : inelasticLimit;
    }

    /// <summary>
    /// Every order ranked before the marginal price level is accepted in full; the rest of the volume is
    /// split over the whole marginal level pro rata to quantity (largest remainder, ties to the lower id).
    /// </summary>
    private static long[] Allocate(int[] ranked, long[] keys, int lastMatched, long[] quantities, long volume)
    {
        var marginalPrice = keys[lastMatched] >> IndexBits;
        var levelStart = lastMatched;
        while (levelStart > 0 && keys[levelStart - 1] >> IndexBits == marginalPrice)
        {
            levelStart--;
        }

        var levelEnd = lastMatched + 1;
        while (levelEnd < ranked.Length && keys[levelEnd] >> IndexBits == marginalPrice)
        {
            levelEnd++;
        }

        var accepted = new long[levelEnd];
        long before = 0;
        for (var k = 0; k < levelStart; k++)
        {
            accepted[k] = quantities[ranked[k]];
            before += accepted[k];
        }

        var weights = new long[levelEnd - levelStart];
        for (var k = levelStart; k < levelEnd; k++)
        {
            weights[k - levelStart] = quantities[ranked[k]];
        }

        var shares = Rounding.SplitProRata(volume - before, weights);
        Array.Copy(shares, 0, accepted, levelStart, shares.Length);
        return accepted;
    }
}
