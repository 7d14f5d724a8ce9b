using System.Collections.Immutable;
using Flecs.Contracts.Lifecycle;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Crypto.Signatures;
using Flecs.Ledger;
using Flecs.Ledger.Encoding;
using Flecs.Ledger.Execution;
using Flecs.Ledger.Players;
using Flecs.Ledger.Registry;
using Flecs.Ledger.State;
using Flecs.Ledger.Transactions;
using Flecs.Market.Books;
using Flecs.Settlement.Close;
using Flecs.Settlement.Config;
using Flecs.Settlement.Meters;
using Flecs.Settlement.Orders;
using Flecs.Settlement.Plans;

namespace Flecs.Settlement;

/// <summary>
/// The settlement module's executors (docs/settlement.md): configuration, meters, readings with validation,
/// orders, plans and the interval close. One instance per chain replica, sharing the replica's
/// <see cref="ContractModule"/> so that scheduled contract executions use its sandbox and template cache.
/// </summary>
public sealed class SettlementModule
{
    /// <summary>The state key of the meter index (ids ascending).</summary>
    public const string MeterIndexKey = "meters/index";

    /// <summary>The state key of the settlement clock: the last closed interval.</summary>
    public const string ClockKey = "settlement/clock";

    /// <summary>The longest standing order: a week of 1-minute intervals.</summary>
    public const long MaxOrderIntervals = 10_080;

    /// <summary>The most energy one order trades per interval: 1 GWh (10¹² mWh), so that no book side or billing total can overflow.</summary>
    public const long MaxOrderQuantity = 1_000_000_000_000;

    /// <summary>How far ahead an order may start: four weeks of 1-minute intervals after the last closed one.</summary>
    public const long MaxOrderLead = 4 * MaxOrderIntervals;

    private readonly IntervalCloser _closer;
    private readonly ISignatureVerifier _verifier;

    /// <summary>Creates the module over the replica's contract module.</summary>
    public SettlementModule(ContractModule contracts, ISignatureVerifier? verifier = null)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        _verifier = verifier ?? new Ed25519SignatureVerifier();
        _closer = new IntervalCloser(contracts);
        contracts.ScheduleExecutions(state => state.TryGet(SettlementConfig.StateKey, out _));
    }

    /// <summary>The executors to register with the ledger.</summary>
    public IReadOnlyList<ITransactionExecutor> Executors() =>
    [
        new Executor(SettlementTransactionTypes.ConfigureSettlement, Configure),
        new Executor(SettlementTransactionTypes.RegisterMeter, RegisterMeter),
        new Executor(SettlementTransactionTypes.SubmitReadings, SubmitReadings),
        new Executor(SettlementTransactionTypes.SubmitOrders, SubmitOrders),
        new Executor(SettlementTransactionTypes.SubmitPlan, SubmitPlan),
        new Executor(SettlementTransactionTypes.CloseIntervals, _closer.Close),
        new Executor(SettlementTransactionTypes.CancelOrders, CancelOrders),
    ];

    /// <summary>The configuration, or null before the SA set one.</summary>
    public static SettlementConfig? FindConfig(IStateReader state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.TryGet(SettlementConfig.StateKey, out var bytes) ? SettlementConfig.Decode(bytes) : null;
    }

    /// <summary>The last closed interval (the start − 1 before the first close).</summary>
    public static long ClosedThrough(IStateReader state, SettlementConfig config)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(config);
        return state.TryGet(ClockKey, out var bytes) ? Cbor.NewReader(bytes).ReadInt64() : config.Start - 1;
    }

    /// <summary>The registered meter ids, ascending.</summary>
    public static ImmutableArray<string> MeterIds(IStateReader state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (!state.TryGet(MeterIndexKey, out var bytes))
        {
            return [];
        }

        return Cbor.NewReader(bytes).ReadTextArray();
    }

    /// <summary>A registered meter, or null.</summary>
    public static MeterRecord? FindMeter(IStateReader state, string id)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.TryGet(MeterRecord.StateKey(id), out var bytes) ? MeterRecord.Decode(bytes) : null;
    }

    /// <summary>True when the sender may act for <paramref name="player"/>: it is the player, or the passive player's representative.</summary>
    internal static bool ActsFor(TransactionContext context, PlayerId player, out PlayerRecord? record)
    {
        record = context.FindPlayer(player);
        var sender = context.Transaction.Sender;
        return record is not null && (player == sender || (record.Mode == PlayerMode.Passive && record.Representative == sender));
    }

    private static Result Configure(TransactionContext context)
    {
        if (!context.SenderIsSupervisingAuthority)
        {
            return Result.Fail(LedgerErrors.WrongRole, "Only the Supervising Authority configures settlement.");
        }

        var payload = Payload.Decode(context.Transaction.Payload, SettlementConfig.Read, p => p.Encode());
        if (!payload.IsSuccess)
        {
            return payload.Error;
        }

        var config = payload.Value;
        var valid = config.Validate();
        if (!valid.IsSuccess)
        {
            return valid;
        }

        foreach (var player in config.GridOperators.Values.Append(config.Retailer).Append(config.MarketOperator))
        {
            if (context.FindPlayer(player) is null)
            {
                return Result.Fail(SettlementErrors.BadConfig, $"'{player}' is not a registered player.");
            }
        }

        if (FindConfig(context.State) is { } current)
        {
            if (config.Start != current.Start)
            {
                return Result.Fail(SettlementErrors.BadConfig, $"The settlement start is fixed at interval {current.Start}.");
            }

            if (config.BillingDays != current.BillingDays)
            {
                return Result.Fail(SettlementErrors.BadConfig, "The billing period cannot change once settlement started.");
            }
        }

        context.State.Set(SettlementConfig.StateKey, config.Encode());
        return Result.Success;
    }

    private static Result RegisterMeter(TransactionContext context)
    {
        var payload = Payload.Decode(context.Transaction.Payload, MeterRecord.Read, p => p.Encode());
        if (!payload.IsSuccess)
        {
            return payload.Error;
        }

        var meter = payload.Value;
        if (!MeterId.IsValid(meter.Id))
        {
            return Result.Fail(SettlementErrors.BadMeterId, $"'{meter.Id}' is not a meter id (1–64 of A–Z, a–z, 0–9, '-', '.', '_', ':').");
        }

        if (!ActsFor(context, meter.Owner, out var owner) && !context.SenderIsSupervisingAuthority)
        {
            return Result.Fail(SettlementErrors.NotPermitted, $"'{context.Transaction.Sender}' is neither '{meter.Owner}' nor its representative.");
        }

        if (owner is not { Status: PlayerStatus.Authorized })
        {
            return Result.Fail(SettlementErrors.BadMeter, $"The owner '{meter.Owner}' is not an authorized player.");
        }

        if (meter.MaxPowerWatts <= 0 || meter.MaxPowerWatts > MeterRecord.MaxLimitWatts || meter.Zone.Length > 64 || meter.FirstInterval < 0)
        {
            return Result.Fail(SettlementErrors.BadMeter, $"The connection limit is 1 W–10 GW, the zone at most 64 characters, the first interval not negative.");
        }

        if (FindMeter(context.State, meter.Id) is not null)
        {
            return Result.Fail(SettlementErrors.MeterExists, $"The meter '{meter.Id}' is already registered.");
        }

        if (FindConfig(context.State) is { } config && meter.FirstInterval <= ClosedThrough(context.State, config))
        {
            return Result.Fail(SettlementErrors.BadMeter, $"Interval {meter.FirstInterval} is already closed.");
        }

        context.State.Set(MeterRecord.StateKey(meter.Id), meter.Encode());
        var ids = MeterIds(context.State);
        var at = ids.BinarySearch(meter.Id, StringComparer.Ordinal);
        var w = Cbor.NewWriter();
        w.WriteTextArray(ids.Insert(~at, meter.Id));
        context.State.Set(MeterIndexKey, w.Encode());
        return Result.Success;
    }

    private Result SubmitReadings(TransactionContext context)
    {
        if (FindConfig(context.State) is not { } config)
        {
            return Result.Fail(SettlementErrors.NotConfigured, "Settlement is not configured.");
        }

        var payload = Payload.Decode(context.Transaction.Payload, ReadingsPayload.Read, p => p.Encode());
        if (!payload.IsSuccess)
        {
            return payload.Error;
        }

        if (payload.Value.Batches.IsEmpty)
        {
            return Result.Fail(SettlementErrors.BadBatch, "No reading batches.");
        }

        var closed = ClosedThrough(context.State, config);
        var length = context.Genesis.IntervalLength;
        var nowSeconds = NowSeconds(context);
        var sender = context.Sender;
        foreach (var batch in payload.Value.Batches)
        {
            if (FindMeter(context.State, batch.Meter) is not { } meter)
            {
                return Result.Fail(SettlementErrors.UnknownMeter, $"No meter '{batch.Meter}'.");
            }

            var owner = context.FindPlayer(meter.Owner);
            var mayRelay = meter.Owner == context.Transaction.Sender
                || owner?.Representative == context.Transaction.Sender
                || sender is { Role: PlayerRole.MarketOperator or PlayerRole.SupervisingAuthority };
            if (!mayRelay)
            {
                return Result.Fail(SettlementErrors.NotPermitted, $"'{context.Transaction.Sender}' may not submit readings of '{meter.Id}'.");
            }

            if (batch.Count == 0)
            {
                return Result.Fail(SettlementErrors.BadBatch, $"The batch of '{meter.Id}' has no readings.");
            }

            if (!batch.Verify(context.Genesis.ChainId, _verifier, meter.Signer))
            {
                return Result.Fail(SettlementErrors.BadReadingSignature, $"The readings of '{meter.Id}' are not signed by its key.");
            }

            var log = LoadLog(context.State, meter.Id);
            for (var i = 0; i < batch.Count; i++)
            {
                var interval = checked(batch.First + i);
                var value = batch.At(i);
                var checkedValue = Validate(meter, interval, value, length.Seconds, nowSeconds);
                if (!checkedValue.IsSuccess)
                {
                    return checkedValue;
                }

                if (interval > closed)
                {
                    if (!log.Pending.TryAdd(interval, value))
                    {
                        return Result.Fail(SettlementErrors.DuplicateReading, $"Meter '{meter.Id}' already has a reading for interval {interval}.");
                    }
                }
                else if (log.Estimates.Remove(interval, out var estimate))
                {
                    // A late actual reading replaces the estimate; the next close re-settles the difference.
                    log.Corrections.Add(new CorrectionEntry(interval, value.Import, value.Export, checked(value.Net - (estimate.Import - estimate.Export)), estimate.MpmPrice, estimate.Residual));
                }
                else
                {
                    return Result.Fail(SettlementErrors.FinalReading, $"Interval {interval} of '{meter.Id}' is final.");
                }
            }

            context.State.Set(MeterLog.StateKey(meter.Id), log.Encode());
        }

        return Result.Success;
    }

    /// <summary>The VEE plausibility rules of one reading (docs/settlement.md#vee), in order.</summary>
    internal static Result Validate(MeterRecord meter, long interval, MeterReadingValue value, long intervalSeconds, long nowSeconds)
    {
        if (value.Import < 0 || value.Export < 0)
        {
            return Result.Fail(SettlementErrors.NegativeReading, $"Meter '{meter.Id}', interval {interval}: a reading is never negative.");
        }

        if ((meter.Kind == MeterKind.Consumption && value.Export != 0) || (meter.Kind == MeterKind.Production && value.Import != 0))
        {
            return Result.Fail(SettlementErrors.WrongDirection, $"Meter '{meter.Id}' is a {meter.Kind.ToString().ToLowerInvariant()} meter; interval {interval} has energy the other way.");
        }

        if (!meter.WithinLimit(value.Import, intervalSeconds) || !meter.WithinLimit(value.Export, intervalSeconds))
        {
            return Result.Fail(SettlementErrors.AboveLimit, $"Meter '{meter.Id}', interval {interval}: more energy than {meter.MaxPowerWatts} W can deliver in one interval.");
        }

        if (interval < meter.FirstInterval)
        {
            return Result.Fail(SettlementErrors.BeforeStart, $"Meter '{meter.Id}' is read from interval {meter.FirstInterval}; the reading is for {interval}.");
        }

        return checked((interval + 1) * intervalSeconds) > nowSeconds
            ? Result.Fail(SettlementErrors.FutureReading, $"Meter '{meter.Id}': interval {interval} has not ended.")
            : Result.Success;
    }

    /// <summary>The block timestamp in whole seconds (floor): the "now" of the gate rules.</summary>
    internal static long NowSeconds(TransactionContext context) =>
        Math.DivRem(context.TimestampMs, 1000, out var ms) - (ms < 0 ? 1 : 0);

    internal static MeterLog LoadLog(IStateReader state, string meterId) =>
        state.TryGet(MeterLog.StateKey(meterId), out var bytes) ? MeterLog.Decode(bytes) : new MeterLog();

    private static Result SubmitOrders(TransactionContext context)
    {
        if (FindConfig(context.State) is not { } config)
        {
            return Result.Fail(SettlementErrors.NotConfigured, "Settlement is not configured.");
        }

        var payload = Payload.Decode(context.Transaction.Payload, OrdersPayload.Read, p => p.Encode());
        if (!payload.IsSuccess)
        {
            return payload.Error;
        }

        var p = payload.Value;
        if (p.Market is not (1 or 2) || p.Orders.IsEmpty || p.Orders.Length > 1_000)
        {
            return Result.Fail(SettlementErrors.BadOrder, "The market is 1 (SPM) or 2 (MPM), with 1–1,000 orders.");
        }

        if (!ActsFor(context, p.Player, out var player) || player is not { Status: PlayerStatus.Authorized })
        {
            return Result.Fail(SettlementErrors.NotPermitted, $"'{context.Transaction.Sender}' may not place orders for '{p.Player}'.");
        }

        var market = (MarketKind)p.Market;
        var allowed = market == MarketKind.Spm
            ? player.Role is not (PlayerRole.SupervisingAuthority or PlayerRole.Regulator or PlayerRole.MarketOperator or PlayerRole.SystemOperator)
            : player.Role is PlayerRole.GenerationCompany or PlayerRole.SystemOperator or PlayerRole.TradingCompany;
        if (!allowed)
        {
            return Result.Fail(SettlementErrors.NotPermitted, $"A {player.Role} does not place orders in the {market}.");
        }

        var closed = ClosedThrough(context.State, config);
        var length = context.Genesis.IntervalLength;
        var nowSeconds = NowSeconds(context);
        var list = OrderList.Load(context.State, market).ToBuilder();
        for (var i = 0; i < p.Orders.Length; i++)
        {
            var o = p.Orders[i];
            if (o.Side is not (1 or 2) || o.Count is < 1 or > MaxOrderIntervals || o.Quantity <= 0 || o.Quantity > MaxOrderQuantity || o.First < 0
                || (o.Price is { } price && Math.Abs(price) > config.PriceCap.MicrosPerKilowattHour)
                || o.Technology is < 0 or > 10)
            {
                return Result.Fail(SettlementErrors.BadOrder, $"Order {i}: side 1 or 2, 1–{MaxOrderIntervals} intervals, quantity 1 mWh–1 GWh per interval, |price| ≤ the price cap {config.PriceCap}, technology 0–10.");
            }

            if (o.Price is null && (market == MarketKind.Spm || o.Side != 1))
            {
                return Result.Fail(SettlementErrors.BadOrder, $"Order {i}: only MPM demand may be price-inelastic (no price).");
            }

            if (o.First <= closed || checked(o.First * length.Seconds) <= nowSeconds)
            {
                return Result.Fail(SettlementErrors.GateClosed, $"Order {i}: interval {o.First} has started.");
            }

            if (o.First - closed > MaxOrderLead)
            {
                return Result.Fail(SettlementErrors.BadOrder, $"Order {i}: orders start at most {MaxOrderLead} intervals after the last closed one.");
            }

            list.Add(new StandingOrder($"{context.Transaction.Id}/{i}", p.Player, (OrderSide)o.Side, o.First, checked(o.First + o.Count), o.Quantity, o.Price, o.Technology));
        }

        list.Sort(static (a, b) => string.CompareOrdinal(a.Id, b.Id));
        context.State.Set(OrderList.StateKey(market), OrderList.Encode(list));
        return Result.Success;
    }

    /// <summary>
    /// <c>cancel-orders</c>: <c>[market, [orderId…]]</c>. The order's player (or its representative) withdraws its own orders;
    /// the SA withdraws any (its remedy for orders that disturb a market). A withdrawn order trades in no interval that is
    /// not closed yet; closed intervals are settled and stay so.
    /// </summary>
    private static Result CancelOrders(TransactionContext context)
    {
        var payload = Payload.Decode(context.Transaction.Payload, CancelOrdersPayload.Read, p => p.Encode());
        if (!payload.IsSuccess)
        {
            return payload.Error;
        }

        var p = payload.Value;
        if (p.Market is not (1 or 2) || p.OrderIds.IsEmpty || p.OrderIds.Length > 1_000)
        {
            return Result.Fail(SettlementErrors.BadOrder, "The market is 1 (SPM) or 2 (MPM), with 1–1,000 order ids.");
        }

        var market = (MarketKind)p.Market;
        var remaining = OrderList.Load(context.State, market).ToList();
        foreach (var id in p.OrderIds)
        {
            var at = remaining.FindIndex(o => string.Equals(o.Id, id, StringComparison.Ordinal));
            if (at < 0)
            {
                return Result.Fail(SettlementErrors.UnknownOrder, $"No open {market} order '{id}'.");
            }

            if (!context.SenderIsSupervisingAuthority && !ActsFor(context, remaining[at].Player, out _))
            {
                return Result.Fail(SettlementErrors.NotPermitted, $"'{context.Transaction.Sender}' may not cancel the order '{id}' of '{remaining[at].Player}'.");
            }

            remaining.RemoveAt(at);
        }

        context.State.Set(OrderList.StateKey(market), OrderList.Encode(remaining));
        return Result.Success;
    }

    private static Result SubmitPlan(TransactionContext context)
    {
        if (FindConfig(context.State) is not { } config)
        {
            return Result.Fail(SettlementErrors.NotConfigured, "Settlement is not configured.");
        }

        var payload = Payload.Decode(context.Transaction.Payload, PlanPayload.Read, p => p.Encode());
        if (!payload.IsSuccess)
        {
            return payload.Error;
        }

        var p = payload.Value;
        if (!ActsFor(context, p.Player, out var player) || player is not { Status: PlayerStatus.Authorized })
        {
            return Result.Fail(SettlementErrors.NotPermitted, $"'{context.Transaction.Sender}' may not submit plans for '{p.Player}'.");
        }

        var length = context.Genesis.IntervalLength;
        var perDay = 86_400 / length.Seconds;
        var count = p.Values.Length / 2;
        var horizonDays = p.Horizon switch { 1 => 1, 2 => 7, _ => 0 };
        if (horizonDays == 0 || p.Step < 1 || perDay % p.Step != 0 || p.Values.Length % 2 != 0 || count == 0 || (long)count * p.Step > horizonDays * perDay || p.Values.Any(v => v < 0) || p.First < 0)
        {
            return Result.Fail(SettlementErrors.BadPlan, $"A plan is day-ahead (1, at most {perDay} intervals) or week-ahead (2, at most {7 * perDay}), in slots of a step that divides a day, with non-negative consumption/production pairs.");
        }

        var nowSeconds = NowSeconds(context);
        if (p.First <= ClosedThrough(context.State, config) || checked(p.First * length.Seconds) <= nowSeconds)
        {
            return Result.Fail(SettlementErrors.PlanTooLate, $"Interval {p.First} has started.");
        }

        long consumption = 0, production = 0;
        for (var i = 0; i < count; i++)
        {
            consumption = checked(consumption + p.Values[2 * i]);
            production = checked(production + p.Values[(2 * i) + 1]);
        }

        var w = Cbor.NewWriter();
        w.WriteStartArray(5);
        w.WriteHash(context.Transaction.Id);
        w.WriteInt64(p.First);
        w.WriteInt64((long)count * p.Step);
        w.WriteInt64(consumption);
        w.WriteInt64(production);
        w.WriteEndArray();
        context.State.Set(PlanKey(p.Player, p.Horizon), w.Encode());
        return Result.Success;
    }

    /// <summary>The state key of a player's latest plan of a horizon: <c>[txId, first, intervals, consumption, production]</c>.</summary>
    public static string PlanKey(PlayerId player, int horizon) => $"plan/{player.Value}/{(horizon == 1 ? "day-ahead" : "week-ahead")}";

    private sealed class Executor(TransactionType type, Func<TransactionContext, Result> execute) : ITransactionExecutor
    {
        public TransactionType Type { get; } = type;

        public Result Execute(TransactionContext context) => execute(context);
    }
}
