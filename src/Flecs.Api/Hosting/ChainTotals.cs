using Flecs.Api.Queries;
using Flecs.Node.Hosting;

namespace Flecs.Api.Hosting;

/// <summary>
/// Transactions and accepted transactions in the chain's blocks (genesis excluded), for the status: counted over the whole
/// store once, then kept up by adding each new block's counts, so a status request never rescans the chain.
/// </summary>
internal sealed class ChainTotals(ILedgerNode node)
{
    private readonly Lock _gate = new();
    private long _height = -1;
    private long _transactions;
    private long _accepted;

    /// <summary>The totals up to the node's durable head.</summary>
    public (long Transactions, long Accepted) Current()
    {
        lock (_gate)
        {
            if (_height < 0)
            {
                var (height, (_, transactions, accepted)) = node.Read(s => (s.HeadHeight, s.Count()));
                (_height, _transactions, _accepted) = (height, transactions, accepted);
            }

            for (var h = _height + 1; h <= node.Head.Height; h++)
            {
                if (node.Read(s => s.ReadBlock(h)) is not { } stored)
                {
                    break;
                }

                var summary = LedgerQueries.Summary(stored);
                _transactions += summary.Transactions;
                _accepted += summary.Accepted;
                _height = h;
            }

            return (_transactions, _accepted);
        }
    }
}
