using Flecs.Api.Queries;
using Flecs.Core.Identity;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Players;
using Flecs.Ledger.Registry;
using Flecs.Ledger.Transactions;
using Flecs.Node.Hosting;

namespace Flecs.Api.Hosting;

/// <summary>
/// What the API would otherwise rescan the chain for on every request, kept up to the node's durable head block by block:
/// the transaction totals of the status, and which passive players each AggCo or TradCo represents (for scoping its
/// requests). Built from the store and the state once, on first use; then each new block is read once and added.
/// </summary>
/// <remarks>
/// A representative is named only when a player registers (<c>register-player</c>) and never changes, so the accepted
/// registrations of the new blocks are all that can add to it.
/// </remarks>
internal sealed class ChainIndex(ILedgerNode node)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<PlayerId, HashSet<PlayerId>> _represented = [];
    private long _height = -1;
    private long _transactions;
    private long _accepted;

    /// <summary>Transactions and accepted transactions in the chain's blocks (genesis excluded), up to the durable head.</summary>
    public (long Transactions, long Accepted) Totals()
    {
        lock (_gate)
        {
            CatchUp();
            return (_transactions, _accepted);
        }
    }

    /// <summary>The passive players <paramref name="representative"/> registered and signs for, at the durable head.</summary>
    public IReadOnlySet<PlayerId> RepresentedBy(PlayerId representative)
    {
        lock (_gate)
        {
            CatchUp();
            return _represented.TryGetValue(representative, out var players) ? [.. players] : new HashSet<PlayerId>();
        }
    }

    private void CatchUp()
    {
        if (_height < 0)
        {
            // Under the store's lock the head, the store and the state are one consistent picture.
            var (height, (_, transactions, accepted), players) = node.Read(s => (s.HeadHeight, s.Count(), node.Chain.State.WithPrefix(PlayerRecord.KeyPrefix).Select(e => PlayerRecord.Decode(e.Value)).ToList()));
            foreach (var player in players)
            {
                Represent(player.Representative, player.Id);
            }

            (_height, _transactions, _accepted) = (height, transactions, accepted);
        }

        // The store's head, not the head signal: a submitter is answered as soon as its block is durable, possibly before
        // the signal moves, and its next request must already see what that block did.
        var head = node.Read(s => s.HeadHeight);
        for (var h = _height + 1; h <= head; h++)
        {
            if (node.Read(s => s.ReadBlock(h)) is not { } stored)
            {
                break;
            }

            var summary = LedgerQueries.Summary(stored);
            _transactions += summary.Transactions;
            _accepted += summary.Accepted;
            foreach (var tx in stored.Transactions)
            {
                if (Receipt.Decode(tx.Receipt) is { IsSuccess: true, Value.IsAccepted: true }
                    && Transaction.Decode(tx.Bytes) is { IsSuccess: true } decoded && decoded.Value.Type == TransactionType.RegisterPlayer
                    && Payload.Decode(decoded.Value.Payload, RegisterPlayerPayload.Read, p => p.Encode()) is { IsSuccess: true } registration)
                {
                    Represent(registration.Value.Representative, registration.Value.Id);
                }
            }

            _height = h;
        }
    }

    private void Represent(PlayerId? representative, PlayerId player)
    {
        if (representative is not { } id)
        {
            return;
        }

        if (!_represented.TryGetValue(id, out var players))
        {
            _represented[id] = players = [];
        }

        players.Add(player);
    }
}
