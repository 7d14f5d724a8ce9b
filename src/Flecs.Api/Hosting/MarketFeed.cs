using Flecs.Api.Queries;
using Flecs.Api.Views;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Storage;
using Flecs.Ledger.Transactions;
using Flecs.Node.Hosting;
using Flecs.Settlement;
using Flecs.Settlement.Close;
using Microsoft.Extensions.Hosting;

namespace Flecs.Api.Hosting;

/// <summary>
/// The closed intervals' prices and flows (public aggregates for the dashboard): read from the accepted
/// <c>close-intervals</c> receipts as blocks arrive, the most recent <see cref="Capacity"/> kept in memory.
/// </summary>
public sealed class MarketFeed(ILedgerNode node) : BackgroundService
{
    /// <summary>The most intervals kept.</summary>
    public const int Capacity = 1_440;

    private readonly Lock _gate = new();
    private readonly LinkedList<IntervalView> _intervals = new();

    /// <summary>The last <paramref name="limit"/> intervals, oldest first.</summary>
    public IReadOnlyList<IntervalView> Latest(int limit)
    {
        lock (_gate)
        {
            return [.. _intervals.Skip(Math.Max(0, _intervals.Count - limit))];
        }
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var head = node.Head.Height;
        Backfill(head);
        try
        {
            await foreach (var stored in CommittedBlocks.FollowAsync(node, head, stoppingToken).ConfigureAwait(false))
            {
                Add(Intervals(stored), atEnd: true);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping.
        }
    }

    /// <summary>Reads recent blocks backwards until the window is full (or genesis), so a restarted node shows history.</summary>
    private void Backfill(long head)
    {
        for (var h = head; h > 0 && Count < Capacity; h--)
        {
            Add(Intervals(node.Read(s => s.ReadBlock(h))), atEnd: false);
        }
    }

    private int Count
    {
        get
        {
            lock (_gate)
            {
                return _intervals.Count;
            }
        }
    }

    /// <summary>Adds one block's intervals after (or, backfilling, before) those held, keeping the most recent <see cref="Capacity"/>.</summary>
    private void Add(List<IntervalView> views, bool atEnd)
    {
        lock (_gate)
        {
            if (atEnd)
            {
                views.ForEach(v => _intervals.AddLast(v));
                while (_intervals.Count > Capacity)
                {
                    _intervals.RemoveFirst();
                }
            }
            else
            {
                for (var i = views.Count - 1; i >= 0 && _intervals.Count < Capacity; i--)
                {
                    _intervals.AddFirst(views[i]);
                }
            }
        }
    }

    private List<IntervalView> Intervals(StoredBlock? stored)
    {
        var views = new List<IntervalView>();
        if (stored is null)
        {
            return views;
        }

        var length = node.Genesis.IntervalLength;
        foreach (var entry in stored.Transactions)
        {
            var receipt = Receipt.Decode(entry.Receipt);
            if (!receipt.IsSuccess || !receipt.Value.IsAccepted || receipt.Value.Output.IsEmpty
                || Transaction.Decode(entry.Bytes) is not { IsSuccess: true } tx || tx.Value.Type != SettlementTransactionTypes.CloseIntervals)
            {
                continue;
            }

            foreach (var record in CloseOutput.Decode(receipt.Value.Output).Records)
            {
                long import = 0, export = 0, contract = 0, gridImport = 0, gridExport = 0;
                // Players' lines only: interface accounts ('@mpm') carry the negated sum of the players' P2G residuals.
                foreach (var line in record.Entries.Where(e => !e.Account.StartsWith('@')).SelectMany(e => e.Lines))
                {
                    switch (line.Kind)
                    {
                        case LineKind.Metered when line.Energy > 0:
                            import += line.Energy;
                            break;
                        case LineKind.Metered:
                            export -= line.Energy;
                            break;
                        case LineKind.Contract when line.Energy > 0:
                            contract += line.Energy;
                            break;
                        case LineKind.P2gEnergy when line.Energy > 0:
                            gridImport += line.Energy;
                            break;
                        case LineKind.P2gEnergy:
                            gridExport -= line.Energy;
                            break;
                    }
                }

                views.Add(new IntervalView(record.Interval, Names.Start(length, record.Interval), record.MpmPrice, record.MpmCleared, record.SpmPrice, record.SpmVolume, import, export, contract, gridImport, gridExport, record.Entries.Length, record.Failures.Length));
            }
        }

        return views;
    }
}
