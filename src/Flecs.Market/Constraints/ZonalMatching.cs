using System.Runtime.InteropServices;
using Flecs.Market.Books;
using Flecs.Market.Clearing;

namespace Flecs.Market.Constraints;

/// <summary>
/// Pairs the accepted orders of a crossing into fills that respect zone import/export caps and pair flow
/// caps, trading as much as the caps allow. docs/market-rules.md §5.
/// </summary>
/// <remarks>
/// Method, exact on integers: (1) the network source → zone supply → (local, or export → pair → import)
/// → zone demand → sink carries each zone's accepted offers and bids; (2) local trades are pushed first,
/// then Edmonds–Karp (breadth-first augmenting paths, zones in ordinal order) finds a maximum flow;
/// (3) opposite flows between two zones are netted into local trades; (4) each zone's accepted offers,
/// best first, are assigned to destinations (own zone first, then other zones in ordinal order), each
/// zone's accepted bids likewise to sources, and every zone pair is zipped. What no flow can carry is
/// curtailed: the least competitive accepted orders of a zone (last in price priority) lose it first.
/// </remarks>
internal static class ZonalMatching
{
    private const long Unlimited = long.MaxValue / 4;

    public static List<Match> Match(OrderBook book, Crossing crossing, GridConstraints constraints)
    {
        var zoneOf = new int[book.Count];
        var zoneNames = ZoneNames(book, crossing);
        var zoneIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < zoneNames.Length; k++)
        {
            zoneIndex[zoneNames[k]] = k;
        }

        var zones = zoneNames.Length;
        var supply = new long[zones];
        var demand = new long[zones];
        for (var p = 0; p < crossing.AskAccepted.Length; p++)
        {
            var index = crossing.Asks[p];
            zoneOf[index] = zoneIndex[book.Orders[index].Zone ?? string.Empty];
            supply[zoneOf[index]] += crossing.AskAccepted[p];
        }

        for (var p = 0; p < crossing.BidAccepted.Length; p++)
        {
            var index = crossing.Bids[p];
            zoneOf[index] = zoneIndex[book.Orders[index].Zone ?? string.Empty];
            demand[zoneOf[index]] += crossing.BidAccepted[p];
        }

        var flow = MaximumFlow(zoneNames, supply, demand, constraints);
        return Assign(crossing, zoneOf, zones, flow);
    }

    private static string[] ZoneNames(OrderBook book, Crossing crossing)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        for (var p = 0; p < crossing.AskAccepted.Length; p++)
        {
            names.Add(book.Orders[crossing.Asks[p]].Zone ?? string.Empty);
        }

        for (var p = 0; p < crossing.BidAccepted.Length; p++)
        {
            names.Add(book.Orders[crossing.Bids[p]].Zone ?? string.Empty);
        }

        return [.. names];
    }

    /// <summary>The flow from each zone's supply to each zone's demand; [k, k] is local trade.</summary>
    private static long[,] MaximumFlow(string[] zones, long[] supply, long[] demand, GridConstraints constraints)
    {
        var count = zones.Length;
        var network = new FlowNetwork(2 + (4 * count));
        const int source = 0;
        const int sink = 1;
        var sourceEdge = new int[count];
        var localEdge = new int[count];
        var sinkEdge = new int[count];
        var pairEdge = new int[count, count];
        for (var k = 0; k < count; k++)
        {
            var supplyNode = SupplyNode(k);
            var demandNode = DemandNode(k);
            sourceEdge[k] = network.AddEdge(source, supplyNode, supply[k]);
            localEdge[k] = network.AddEdge(supplyNode, demandNode, Unlimited);
            network.AddEdge(supplyNode, ExportNode(k), constraints.MaxExport(zones[k])?.MilliwattHours ?? Unlimited);
            network.AddEdge(ImportNode(k), demandNode, constraints.MaxImport(zones[k])?.MilliwattHours ?? Unlimited);
            sinkEdge[k] = network.AddEdge(demandNode, sink, demand[k]);
        }

        for (var k = 0; k < count; k++)
        {
            for (var w = 0; w < count; w++)
            {
                if (k != w)
                {
                    pairEdge[k, w] = network.AddEdge(ExportNode(k), ImportNode(w), constraints.MaxFlow(zones[k], zones[w])?.MilliwattHours ?? Unlimited);
                }
            }
        }

        for (var k = 0; k < count; k++)
        {
            var local = Math.Min(supply[k], demand[k]);
            if (local > 0)
            {
                network.Augment(sourceEdge[k], local);
                network.Augment(localEdge[k], local);
                network.Augment(sinkEdge[k], local);
            }
        }

        network.Saturate(source, sink);

        var flow = new long[count, count];
        for (var k = 0; k < count; k++)
        {
            flow[k, k] = network.Flow(localEdge[k]);
            for (var w = 0; w < count; w++)
            {
                if (k != w)
                {
                    flow[k, w] = network.Flow(pairEdge[k, w]);
                }
            }
        }

        for (var k = 0; k < count; k++)
        {
            for (var w = k + 1; w < count; w++)
            {
                var both = Math.Min(flow[k, w], flow[w, k]);
                flow[k, w] -= both;
                flow[w, k] -= both;
                flow[k, k] += both;
                flow[w, w] += both;
            }
        }

        return flow;

        static int SupplyNode(int zone) => 2 + (4 * zone);
        static int ExportNode(int zone) => 3 + (4 * zone);
        static int ImportNode(int zone) => 4 + (4 * zone);
        static int DemandNode(int zone) => 5 + (4 * zone);
    }

    private static List<Match> Assign(Crossing crossing, int[] zoneOf, int zones, long[,] flow)
    {
        var askChunks = new Dictionary<(int From, int To), Chunk>();
        var bidChunks = new Dictionary<(int From, int To), Chunk>();
        var outgoing = (long[,])flow.Clone();
        for (var p = 0; p < crossing.AskAccepted.Length; p++)
        {
            var index = crossing.Asks[p];
            var k = zoneOf[index];
            var left = crossing.AskAccepted[p];
            for (var step = 0; step < zones && left > 0; step++)
            {
                var w = step == 0 ? k : (step <= k ? step - 1 : step);
                var take = Math.Min(left, outgoing[k, w]);
                if (take > 0)
                {
                    ChunkFor(askChunks, k, w).Add(index, take);
                    outgoing[k, w] -= take;
                    left -= take;
                }
            }
        }

        var incoming = (long[,])flow.Clone();
        for (var p = 0; p < crossing.BidAccepted.Length; p++)
        {
            var index = crossing.Bids[p];
            var w = zoneOf[index];
            var left = crossing.BidAccepted[p];
            for (var step = 0; step < zones && left > 0; step++)
            {
                var k = step == 0 ? w : (step <= w ? step - 1 : step);
                var take = Math.Min(left, incoming[k, w]);
                if (take > 0)
                {
                    ChunkFor(bidChunks, k, w).Add(index, take);
                    incoming[k, w] -= take;
                    left -= take;
                }
            }
        }

        var matches = new List<Match>();
        for (var k = 0; k < zones; k++)
        {
            for (var step = 0; step < zones; step++)
            {
                var w = step == 0 ? k : (step <= k ? step - 1 : step);
                if (askChunks.TryGetValue((k, w), out var asks) && bidChunks.TryGetValue((k, w), out var bids))
                {
                    Pairing.Zip(
                        CollectionsMarshal.AsSpan(bids.Indices),
                        CollectionsMarshal.AsSpan(bids.Quantities),
                        CollectionsMarshal.AsSpan(asks.Indices),
                        CollectionsMarshal.AsSpan(asks.Quantities),
                        matches);
                }
            }
        }

        return matches;
    }

    private static Chunk ChunkFor(Dictionary<(int From, int To), Chunk> chunks, int from, int to)
    {
        if (!chunks.TryGetValue((from, to), out var chunk))
        {
            chunk = new Chunk();
            chunks.Add((from, to), chunk);
        }

        return chunk;
    }

    private sealed class Chunk
    {
        public List<int> Indices { get; } = [];

        public List<long> Quantities { get; } = [];

        public void Add(int index, long quantity)
        {
            Indices.Add(index);
            Quantities.Add(quantity);
        }
    }
}
