namespace Flecs.Market.Constraints;

/// <summary>A small directed network with integer capacities and an exact maximum flow (Edmonds–Karp).</summary>
/// <remarks>
/// Edges are stored in pairs (forward at an even id, its residual reverse at the next odd id) and
/// searched in insertion order, so the flow found depends only on how the network was built.
/// </remarks>
internal sealed class FlowNetwork
{
    private readonly List<int> _to = [];
    private readonly List<long> _residual = [];
    private readonly List<long> _capacity = [];
    private readonly List<int>[] _adjacency;

    public FlowNetwork(int nodes)
    {
        _adjacency = new List<int>[nodes];
        for (var n = 0; n < nodes; n++)
        {
            _adjacency[n] = [];
        }
    }

    /// <summary>Adds an edge and returns its id.</summary>
    public int AddEdge(int from, int to, long capacity)
    {
        var id = _to.Count;
        _to.Add(to);
        _residual.Add(capacity);
        _capacity.Add(capacity);
        _adjacency[from].Add(id);
        _to.Add(from);
        _residual.Add(0);
        _capacity.Add(0);
        _adjacency[to].Add(id + 1);
        return id;
    }

    /// <summary>Sends <paramref name="amount"/> along one edge.</summary>
    public void Augment(int edge, long amount)
    {
        _residual[edge] -= amount;
        _residual[edge ^ 1] += amount;
    }

    /// <summary>The flow on a forward edge.</summary>
    public long Flow(int edge) => _capacity[edge] - _residual[edge];

    /// <summary>Augments along shortest paths (fewest edges, first found in insertion order) until none is left.</summary>
    public void Saturate(int source, int sink)
    {
        var via = new int[_adjacency.Length];
        var queue = new Queue<int>();
        while (true)
        {
            Array.Fill(via, -1);
            via[source] = -2;
            queue.Clear();
            queue.Enqueue(source);
            while (queue.Count > 0 && via[sink] == -1)
            {
                var node = queue.Dequeue();
                foreach (var edge in _adjacency[node])
                {
                    var next = _to[edge];
                    if (via[next] == -1 && _residual[edge] > 0)
                    {
                        via[next] = edge;
                        queue.Enqueue(next);
                    }
                }
            }

            if (via[sink] == -1)
            {
                return;
            }

            var bottleneck = long.MaxValue;
            for (var node = sink; node != source; node = _to[via[node] ^ 1])
            {
                bottleneck = Math.Min(bottleneck, _residual[via[node]]);
            }

            for (var node = sink; node != source; node = _to[via[node] ^ 1])
            {
                Augment(via[node], bottleneck);
            }
        }
    }
}
