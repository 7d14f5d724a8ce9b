using System.Collections.Concurrent;
using System.Text.Json;
using Flecs.Api.Access;
using Flecs.Api.Views;
using Flecs.Contracts.Lifecycle;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Players;
using Flecs.Ledger.Storage;
using Flecs.Ledger.Transactions;
using Flecs.Settlement;
using Flecs.Settlement.Meters;
using Flecs.Settlement.Orders;
using Flecs.Node.Hosting;

namespace Flecs.Api.Queries;

/// <summary>
/// The read side of the API: projections of the committed state and the store into views, each scoped to the caller
/// (docs/api.md#access). Counts are over everything; lists hold only what the caller may see.
/// </summary>
public sealed class LedgerQueries(ILedgerNode node)
{
    private readonly ContractModule _contracts = new();
    private readonly ConcurrentDictionary<Hash256, (string Kind, string Version)> _templateMeta = new();

    /// <summary>The players the caller may see, with counts over all.</summary>
    public PlayersView Players(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var all = AllPlayers();
        return new PlayersView(
            [.. all.Where(p => caller.Sees(p.Id)).Select(ToView)],
            all.Count,
            Count(all, p => Names.Kebab(p.Role)),
            Count(all, p => Names.Kebab(p.Status)));
    }

    /// <summary>One player, if the caller may see it.</summary>
    public Result<PlayerView> Player(Caller caller, string id)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!PlayerId.TryParse(id, out var playerId) || !node.Chain.State.TryGet(PlayerRecord.StateKey(playerId), out var bytes))
        {
            return Result<PlayerView>.Fail(ApiErrors.NotFound, $"No player '{id}'.");
        }

        return caller.Sees(playerId) ? ToView(PlayerRecord.Decode(bytes)) : Denied<PlayerView>($"player '{id}'");
    }

    /// <summary>The meters the caller may see.</summary>
    public MetersView Meters(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var all = node.Chain.State.WithPrefix("meter/").Select(e => MeterRecord.Decode(e.Value)).ToList();
        return new MetersView([.. all.Where(m => caller.Sees(m.Owner)).Select(ToView)], all.Count);
    }

    /// <summary>One meter, if the caller may see it.</summary>
    public Result<MeterView> Meter(Caller caller, string id)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (SettlementModule.FindMeter(node.Chain.State, id) is not { } meter)
        {
            return Result<MeterView>.Fail(ApiErrors.NotFound, $"No meter '{id}'.");
        }

        return caller.Sees(meter.Owner) ? ToView(meter) : Denied<MeterView>($"meter '{id}'");
    }

    /// <summary>The contracts the caller is party to, with counts over all.</summary>
    public ContractsView Contracts(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var all = node.Chain.State.WithPrefix("contract/")
            .Select(e => Hash256.TryParse(e.Key["contract/".Length..], out var id) ? ContractRecord.Decode(id, e.Value) : null)
            .OfType<ContractRecord>()
            .ToList();
        return new ContractsView(
            [.. all.Where(c => IsParty(caller, c)).Select(ToView)],
            all.Count,
            Count(all, c => Names.Kebab(c.Status)),
            Count(all, c => TemplateMeta(c.Versions[^1].TemplateHash).Kind));
    }

    /// <summary>One contract, if the caller is a party.</summary>
    public Result<ContractView> Contract(Caller caller, string id)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!Hash256.TryParse(id, out var hash) || ContractModule.FindContract(node.Chain.State, hash) is not { } record)
        {
            return Result<ContractView>.Fail(ApiErrors.NotFound, $"No contract '{id}'.");
        }

        return IsParty(caller, record) ? ToView(record) : Denied<ContractView>($"contract '{id}'");
    }

    /// <summary>The caller's standing orders in a market, with totals over all.</summary>
    public OrdersView Orders(Caller caller, MarketKind market)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var all = OrderList.Load(node.Chain.State, market);
        var name = market == MarketKind.Spm ? "spm" : "mpm";
        var length = node.Genesis.IntervalLength;
        return new OrdersView(
            [.. all.Where(o => caller.Sees(o.Player)).Select(o => new OrderView(o.Id, name, o.Player.Value, Names.Kebab(o.Side), Names.Start(length, o.First), Names.Start(length, o.End), o.Quantity, o.Price, o.Technology))],
            all.Length,
            all.Where(o => o.Side == Flecs.Market.Books.OrderSide.Buy).Sum(o => o.Quantity),
            all.Where(o => o.Side == Flecs.Market.Books.OrderSide.Sell).Sum(o => o.Quantity));
    }

    /// <summary>The invoices the caller may see.</summary>
    public InvoicesView Invoices(Caller caller, string? account)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var all = node.Chain.State.WithPrefix("invoice/").Select(e => Flecs.Settlement.Close.Invoice.Decode(e.Value)).ToList();
        var visible = all.Where(i => caller.Sees(i.Account) && (account is null || string.Equals(i.Account, account, StringComparison.Ordinal)))
            .OrderBy(i => i.Account, StringComparer.Ordinal).ThenBy(i => i.Period);
        return new InvoicesView([.. visible.Select(Summary)], all.Count);
    }

    /// <summary>One invoice with its lines, if the caller may see its account.</summary>
    public Result<InvoiceView> Invoice(Caller caller, string account, long period)
    {
        ArgumentNullException.ThrowIfNull(caller);
        // Access first: whether another account has an invoice is not the caller's business either.
        if (!caller.Sees(account))
        {
            return Denied<InvoiceView>($"the invoices of '{account}'");
        }

        if (!node.Chain.State.TryGet(Flecs.Settlement.Close.Invoice.StateKey(account, period), out var bytes))
        {
            return Result<InvoiceView>.Fail(ApiErrors.NotFound, $"No invoice for '{account}' in period {period}.");
        }

        var invoice = Flecs.Settlement.Close.Invoice.Decode(bytes);
        var lines = invoice.Lines
            .GroupBy(l => (l.Kind, Reference: l.BillingReference))
            .OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Reference, StringComparer.Ordinal)
            .Select(g => new InvoiceLineView(Names.Kebab(g.Key.Kind), g.Key.Reference, g.Sum(l => l.Energy), g.Sum(l => l.Money), g.Sum(l => l.Certificates)));
        return new InvoiceView(Summary(invoice), [.. lines]);
    }

    /// <summary>Every template on the ledger (certified code is public).</summary>
    public IReadOnlyList<TemplateView> Templates() =>
        [.. node.Chain.State.WithPrefix(TemplateRecord.KeyPrefix)
            .Select(e => Hash256.TryParse(e.Key[TemplateRecord.KeyPrefix.Length..], out var hash) ? TemplateRecord.Decode(hash, e.Value) : null)
            .OfType<TemplateRecord>()
            .Select(t =>
            {
                var meta = TemplateMeta(t.Hash);
                return new TemplateView(t.Hash.ToString(), meta.Kind, meta.Version, t.Certified, t.CertifiedAtHeight, t.ChangedAtHeight, t.Reason);
            })];

    /// <summary>Block headers, newest first, from <paramref name="before"/> (exclusive; default: above the head).</summary>
    public IReadOnlyList<BlockSummaryView> Blocks(long? before, int limit)
    {
        var top = Math.Min(Math.Max(before ?? long.MaxValue, 0), node.Head.Height + 1) - 1;
        var list = new List<BlockSummaryView>(limit);
        for (var h = top; h >= 0 && list.Count < limit; h--)
        {
            var stored = node.Read(s => s.ReadBlock(h));
            if (stored is null)
            {
                break;
            }

            list.Add(Summary(stored));
        }

        return list;
    }

    /// <summary>A block, with senders only where the caller may see them.</summary>
    public Result<BlockView> Block(Caller caller, long height)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var stored = height >= 0 && height <= node.Head.Height ? node.Read(s => s.ReadBlock(height)) : null;
        if (stored is null)
        {
            return Result<BlockView>.Fail(ApiErrors.NotFound, $"No block {height}.");
        }

        var header = BlockHeader.Decode(stored.Header);
        if (!header.IsSuccess)
        {
            return header.Error;
        }

        var transactions = stored.Transactions.Select((t, i) =>
        {
            var tx = Flecs.Ledger.Transactions.Transaction.Decode(t.Bytes);
            var receipt = Receipt.Decode(t.Receipt);
            var sender = tx.IsSuccess && caller.Sees(tx.Value.Sender) ? tx.Value.Sender.Value : null;
            return new BlockTransactionView(i, t.Id.ToString(), tx.IsSuccess ? TypeName(tx.Value.Type) : "malformed", sender, receipt.IsSuccess && receipt.Value.IsAccepted, receipt.IsSuccess ? receipt.Value.Code : string.Empty);
        });
        var h = header.Value;
        return new BlockView(Summary(stored), h.TransactionsRoot.ToString(), h.ReceiptsRoot.ToString(), h.HistoryRoot.ToString(), h.ValidatorSetHash.ToString(), [.. transactions]);
    }

    /// <summary>A transaction with its receipt, for its sender (or the sender's representative, or the SA).</summary>
    public Result<TransactionView> Transaction(Caller caller, string id)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!Hash256.TryParse(id, out var hash) || node.Read(s => s.FindTransaction(hash)) is not { } location)
        {
            return Result<TransactionView>.Fail(ApiErrors.NotFound, $"No transaction '{id}'.");
        }

        var stored = node.Read(s => s.ReadBlock(location.Height));
        var entry = stored?.Transactions[location.Position];
        var tx = entry is null ? null : Flecs.Ledger.Transactions.Transaction.Decode(entry.Bytes) is { IsSuccess: true } t ? t.Value : null;
        var receipt = entry is null ? null : Receipt.Decode(entry.Receipt) is { IsSuccess: true } r ? r.Value : null;
        if (stored is null || tx is null || receipt is null)
        {
            return Result<TransactionView>.Fail(ApiErrors.NotFound, $"No transaction '{id}'.");
        }

        if (!caller.Sees(tx.Sender))
        {
            return Denied<TransactionView>($"transaction '{id}'");
        }

        var header = BlockHeader.Decode(stored.Header).Value;
        return new TransactionView(hash.ToString(), location.Height, location.Position, Names.Time(header.TimestampMs), TypeName(tx.Type), tx.Sender.Value, tx.Sequence, receipt.IsAccepted, receipt.Code);
    }

    /// <summary>The summary of a stored block.</summary>
    public static BlockSummaryView Summary(StoredBlock stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var header = BlockHeader.Decode(stored.Header).Value;
        var accepted = stored.Transactions.Count(t => Receipt.Decode(t.Receipt) is { IsSuccess: true, Value.IsAccepted: true });
        return new BlockSummaryView(stored.Height, stored.Hash.ToString(), header.PreviousHash.ToString(), Names.Time(header.TimestampMs), header.SealerId, header.TransactionCount, accepted);
    }

    /// <summary>The name of a transaction type (its number when no module names it).</summary>
    public static string TypeName(TransactionType type) =>
        SettlementTransactionTypes.Name(type) ?? ContractTransactionTypes.Name(type) ?? type.ToString();

    private List<PlayerRecord> AllPlayers() => [.. node.Chain.State.WithPrefix(PlayerRecord.KeyPrefix).Select(e => PlayerRecord.Decode(e.Value))];

    private static bool IsParty(Caller caller, ContractRecord record) => caller.IsSupervisor || record.Parties.Values.Any(caller.Sees);

    private (string Kind, string Version) TemplateMeta(Hash256 hash) =>
        _templateMeta.GetOrAdd(hash, h => _contracts.FindTemplate(node.Chain.State, h) is { IsSuccess: true } t ? (t.Value.Template.Meta.Kind, t.Value.Template.Meta.Version) : ("unknown", string.Empty));

    private PlayerView ToView(PlayerRecord p) =>
        new(p.Id.Value, Names.Kebab(p.Role), Names.Kebab(p.Mode), Names.Kebab(p.Status), p.PublicKey?.ToString(), p.Representative?.Value, p.Sequence, p.RegisteredAtHeight);

    private MeterView ToView(MeterRecord m)
    {
        var log = node.Chain.State.TryGet(MeterLog.StateKey(m.Id), out var bytes) ? MeterLog.Decode(bytes) : new MeterLog();
        return new MeterView(m.Id, m.Owner.Value, m.Signer.ToString(), m.Zone, Names.Kebab(m.Level), Names.Kebab(m.Kind), m.Renewable, m.MaxPowerWatts, Names.Start(node.Genesis.IntervalLength, m.FirstInterval), log.Pending.Count, log.Estimates.Count);
    }

    private ContractView ToView(ContractRecord c)
    {
        var length = node.Genesis.IntervalLength;
        var version = c.Versions[^1];
        return new ContractView(
            c.Id.ToString(),
            TemplateMeta(version.TemplateHash).Kind,
            version.TemplateHash.ToString(),
            Names.Kebab(c.Status),
            c.Parties.ToDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal),
            Names.Start(length, c.TermStart),
            Names.Start(length, c.TermEnd),
            Names.Start(length, c.NextInterval),
            c.Proposer.Value,
            c.Pending is { } p ? Names.Kebab(p.Kind) : null,
            JsonDocument.Parse(version.Parameters.ToJson()).RootElement.Clone(),
            JsonDocument.Parse(c.State.ToJson()).RootElement.Clone());
    }

    private InvoiceSummaryView Summary(Flecs.Settlement.Close.Invoice i)
    {
        var length = node.Genesis.IntervalLength;
        return new InvoiceSummaryView(i.Account, i.Period, Names.Start(length, i.First), Names.Start(length, i.End), i.Intervals, i.Total, i.Root.ToString());
    }

    private static Dictionary<string, int> Count<T>(IEnumerable<T> items, Func<T, string> key) =>
        items.GroupBy(key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private static Result<T> Denied<T>(string what) => Result<T>.Fail(ApiErrors.Forbidden, $"The caller may not see {what}: sign the request as its owner, its representative or the SA.");
}
