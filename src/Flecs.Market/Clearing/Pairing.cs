namespace Flecs.Market.Clearing;

/// <summary>Pairs accepted bids with accepted offers, both in price priority, into matches (the "zipper").</summary>
/// <remarks>
/// The k-th accepted kWh of demand (best bid first) meets the k-th accepted kWh of supply (best offer
/// first). Every accepted bid is at or above every accepted offer, so every pair crosses.
/// </remarks>
internal static class Pairing
{
    /// <summary>Zips two ranked lists of (canonical index, accepted quantity).</summary>
    public static List<Match> Zip(ReadOnlySpan<int> bids, ReadOnlySpan<long> bidAccepted, ReadOnlySpan<int> asks, ReadOnlySpan<long> askAccepted)
    {
        var matches = new List<Match>(Math.Max(bidAccepted.Length, askAccepted.Length) + 1);
        Zip(bids, bidAccepted, asks, askAccepted, matches);
        return matches;
    }

    /// <summary>Zips two ranked lists into <paramref name="matches"/>; the lists' totals may differ (the rest stays unmatched).</summary>
    public static void Zip(ReadOnlySpan<int> bids, ReadOnlySpan<long> bidAccepted, ReadOnlySpan<int> asks, ReadOnlySpan<long> askAccepted, List<Match> matches)
    {
        var i = 0;
        var j = 0;
        long remainingBid = 0;
        long remainingAsk = 0;
        while (true)
        {
            while (remainingBid == 0 && i < bidAccepted.Length)
            {
                remainingBid = bidAccepted[i++];
            }

            while (remainingAsk == 0 && j < askAccepted.Length)
            {
                remainingAsk = askAccepted[j++];
            }

            if (remainingBid == 0 || remainingAsk == 0)
            {
                return;
            }

            var quantity = Math.Min(remainingBid, remainingAsk);
            matches.Add(new Match(bids[i - 1], asks[j - 1], quantity));
            remainingBid -= quantity;
            remainingAsk -= quantity;
        }
    }
}
