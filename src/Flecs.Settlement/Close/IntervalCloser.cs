using System.Collections.Immutable;
using System.Formats.Cbor;
using System.Globalization;
using Flecs.Contracts.Lifecycle;
using Flecs.Contracts.Runtime;
using Flecs.Contracts.Templates;
using Flecs.Contracts.Values;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Core.Time;
using Flecs.Core.Units;
using Flecs.Crypto.Merkle;
using Flecs.Ledger.Encoding;
using Flecs.Ledger.Execution;
using Flecs.Ledger.Players;
using Flecs.Ledger.Registry;
using Flecs.Ledger.State;
using Flecs.Market.Books;
using Flecs.Market.Clearing;
using Flecs.Market.Interface;
using Flecs.Market.MeritOrder;
using Flecs.Settlement.Config;
using Flecs.Settlement.Meters;
using Flecs.Settlement.Orders;

namespace Flecs.Settlement.Close;

/// <summary>
/// The <c>close-intervals</c> executor: for each interval from the one after the settlement clock through the
/// payload's, in order, one deterministic pipeline (docs/settlement.md#interval-close): readings or estimates
/// (VEE) → MPM merit order (the interval's MPM price) → contract executions → SPM clearing → re-settlement of
/// late readings → P2G residuals → journal (money sums to zero, energy balances per player) → interval root; at
/// the end of a billing period, one invoice per account. State is loaded once per transaction and written back
/// once, so a close of many intervals costs little more than its computations.
/// </summary>
internal sealed class IntervalCloser(ContractModule contracts)
{
    private ContractRuntime[]? _runtimes;

    /// <summary>The most intervals one close transaction settles (a day of 1-minute intervals).</summary>
    public const int MaxIntervals = 1_440;

    /// <summary>The largest close output (the receipt that carries it): 64 MiB, a quarter of what the store reads back.</summary>
    public const int MaxOutputBytes = 64 * 1024 * 1024;

    /// <summary>The account of the Main Power Market at the P2G interface (not a player id: it cannot collide with one).</summary>
    public const string MpmAccount = "@mpm";

    /// <summary>The state key of the open billing period's root frontier: <c>[period, first, count, nodes]</c>.</summary>
    public const string PeriodKey = "settlement/period";

    /// <summary>The state key of the accounts with open billing totals (ascending); outside <c>billing/</c>, so no account id can collide with it.</summary>
    public const string BillingIndexKey = "settlement/billing";

    /// <summary>The state key of an account's open billing totals: <c>[period, lines]</c>.</summary>
    public static string BillingKey(string account) => "billing/" + account;

    public Result Close(TransactionContext context)
    {
        if (context.Sender is not { Role: PlayerRole.MarketOperator or PlayerRole.SupervisingAuthority })
        {
            return Result.Fail(SettlementErrors.NotPermitted, "Only the Market Operator or the SA closes intervals.");
        }

        if (SettlementModule.FindConfig(context.State) is not { } config)
        {
            return Result.Fail(SettlementErrors.NotConfigured, "Settlement is not configured.");
        }

        var payload = Payload.Decode(context.Transaction.Payload, ClosePayload.Read, p => p.Encode());
        if (!payload.IsSuccess)
        {
            return payload.Error;
        }

        var through = payload.Value.Through;
        var closed = SettlementModule.ClosedThrough(context.State, config);
        var length = context.Genesis.IntervalLength;
        if (through <= closed || through - closed > MaxIntervals)
        {
            return Result.Fail(SettlementErrors.BadClose, $"The next interval to close is {closed + 1}; a close settles 1–{MaxIntervals} intervals (asked through {through}).");
        }

        if (checked((through + 1) * length.Seconds) > SettlementModule.NowSeconds(context))
        {
            return Result.Fail(SettlementErrors.BadClose, $"Interval {through} has not ended at this block's time.");
        }

        var tariff = config.Tariff();
        if (!tariff.IsSuccess)
        {
            return Result.Fail(SettlementErrors.BadConfig, tariff.Error.Message);
        }

        var run = new CloseRun(contracts, context, config, tariff.Value, length);
        var inputs = new IntervalInputs[checked((int)(through - closed))];
        for (var t = closed + 1; t <= through; t++)
        {
            inputs[t - closed - 1] = run.Meter(t);
        }

        // Contracts run on the workers interval by interval while this thread settles each interval as soon as every
        // worker has finished it: the same results in the same order as running them first, in less wall time.
        using var contractRun = run.StartContracts(inputs, closed + 1, Runtimes());
        var w = new CborWriter(CborConformanceMode.Canonical, convertIndefiniteLengthEncodings: false, initialCapacity: 1 << 16);
        w.WriteStartArray(2);
        w.WriteStartArray(inputs.Length);
        for (var t = closed + 1; t <= through; t++)
        {
            contractRun.WaitFor(checked((int)(t - closed - 1)));
            run.CloseInterval(t, inputs[t - closed - 1], contractRun.Results, closed + 1, w);
        }

        w.WriteEndArray();
        run.Save(through);
        w.WriteStartArray(run.Invoices.Count);
        foreach (var invoice in run.Invoices)
        {
            invoice.Write(w);
        }

        w.WriteEndArray();
        w.WriteEndArray();
        if (w.BytesWritten > MaxOutputBytes)
        {
            return Result.Fail(SettlementErrors.BadClose, $"The close's output would be {w.BytesWritten} bytes, above {MaxOutputBytes}: close fewer intervals at a time.");
        }

        context.Emit(w.Encode());
        return Result.Success;
    }

    /// <summary>
    /// The number of contract workers: fixed, not the machine's core count, so that every node runs each contract on
    /// the same worker's sandbox (contracts are independent, so a close runs them in parallel).
    /// </summary>
    public const int Workers = 2;

    private ContractRuntime[] Runtimes() =>
        _runtimes ??= [.. Enumerable.Range(0, Workers).Select(_ => new ContractRuntime(contracts.Limits))];

    /// <summary>What phase A fixes for one interval before contracts run: metered energy per player and the MPM price.</summary>
    private sealed record IntervalInputs(
        Dictionary<PlayerId, Metered> Own,
        Dictionary<PlayerId, Metered> Portfolio,
        List<(MeterRecord Meter, MeterReadingValue Value)> Estimated,
        EnergyPrice Price,
        bool Cleared,
        ImmutableSortedDictionary<string, long> Prices);

    /// <summary>The contract results of one close as the workers produce them: interval <c>k</c> is complete once every worker signalled it.</summary>
    private sealed class ContractRun : IDisposable
    {
        private readonly int[] _remaining;
        private readonly ManualResetEventSlim[] _done;
        private readonly Thread[] _threads;
        private System.Runtime.ExceptionServices.ExceptionDispatchInfo? _failure;

        public ContractRun(Result<IntervalOutcome>?[][] results, int intervals, int workers)
        {
            Results = results;
            _threads = new Thread[workers];
            _remaining = [.. Enumerable.Repeat(workers, intervals)];
            _done = [.. Enumerable.Range(0, intervals).Select(_ => new ManualResetEventSlim())];
        }

        /// <summary>Results by contract (live-index order) and interval offset; null where a contract did not run.</summary>
        public Result<IntervalOutcome>?[][] Results { get; }

        /// <summary>Starts worker <paramref name="worker"/> on its own thread; a failure is rethrown by <see cref="WaitFor"/>.</summary>
        public void Start(int worker, Action work)
        {
            _threads[worker] = new Thread(
                () =>
            {
                try
                {
                    work();
                }
                catch (Exception ex)
                {
                    Interlocked.CompareExchange(ref _failure, System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex), null);
                    foreach (var e in _done)
                    {
                        // Release the waiter: it rethrows.
                        e.Set();
                    }
                }
            },
                StackSize)
            {
                IsBackground = true,
                Name = "flecs-contracts-" + worker.ToString(CultureInfo.InvariantCulture),
            };
            _threads[worker].Start();
        }

        /// <summary>The workers' fixed stack: the native-recursion guard of the sandbox then fires at the same depth on every node.</summary>
        private const int StackSize = 16 * 1024 * 1024;

        public void Done(int k)
        {
            if (Interlocked.Decrement(ref _remaining[k]) == 0)
            {
                _done[k].Set();
            }
        }

        /// <summary>Blocks until every worker finished interval offset <paramref name="k"/>; rethrows a worker's failure.</summary>
        public void WaitFor(int k)
        {
            _done[k].Wait();
            _failure?.Throw();
        }

        public void Dispose()
        {
            // A close abandoned by an exception waits for its workers, so that none outlives it.
            foreach (var thread in _threads)
            {
                thread?.Join();
            }

            foreach (var e in _done)
            {
                e.Dispose();
            }
        }
    }

    /// <summary>One close transaction's working set.</summary>
    private sealed class CloseRun
    {
        private readonly ContractModule _contracts;
        private readonly TransactionContext _context;
        private readonly SettlementConfig _config;
        private readonly PeerToGridTariff _tariff;
        private readonly IntervalLength _length;
        private readonly List<MeterRecord> _meters = [];
        private readonly Dictionary<string, MeterLog> _logs = new(StringComparer.Ordinal);
        private readonly Dictionary<PlayerId, PlayerRecord?> _players = [];
        private readonly Dictionary<PlayerId, GridLevel> _levels = [];
        private readonly List<PlayerId?> _representatives = [];
        private readonly Dictionary<Hash256, ImmutableSortedDictionary<string, string>> _parties = [];
        private readonly CborWriter _writer = Cbor.NewWriter();
        private readonly List<ContractRecord> _live = [];
        private readonly ImmutableArray<StandingOrder> _spm;
        private readonly ImmutableArray<StandingOrder> _mpm;
        private readonly Dictionary<string, (long Period, AccountLines Lines)> _billing = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _billingIndex = new(StringComparer.Ordinal);
        private readonly GridLevel _defaultLevel;
        private long _period;
        private long _periodFirst;
        private MerkleFrontier _frontier;

        public CloseRun(ContractModule contracts, TransactionContext context, SettlementConfig config, PeerToGridTariff tariff, IntervalLength length)
        {
            _contracts = contracts;
            _context = context;
            _config = config;
            _tariff = tariff;
            _length = length;
            var state = context.State;
            foreach (var id in SettlementModule.MeterIds(state))
            {
                var meter = SettlementModule.FindMeter(state, id) ?? throw new InvalidOperationException($"The meter index names '{id}', which is not registered.");
                _meters.Add(meter);
                _logs[id] = SettlementModule.LoadLog(state, id);
                _levels.TryAdd(meter.Owner, meter.Level);
                _representatives.Add(Player(meter.Owner) is { Mode: PlayerMode.Passive, Representative: { } representative } ? representative : null);
            }

            foreach (var id in ContractModule.LiveContracts(state))
            {
                var record = ContractModule.FindContract(state, id) ?? throw new InvalidOperationException($"The live index names {id}, which is not on the ledger.");
                _live.Add(record);
                _parties[id] = record.Parties.ToImmutableSortedDictionary(p => p.Key, p => p.Value.Value, StringComparer.Ordinal);
                foreach (var party in record.Parties.Values)
                {
                    // Load every party now: the contract workers only read the player cache.
                    Player(party);
                }
            }

            _spm = OrderList.Load(state, MarketKind.Spm);
            _mpm = OrderList.Load(state, MarketKind.Mpm);
            if (state.TryGet(BillingIndexKey, out var index))
            {
                _billingIndex.UnionWith(Cbor.NewReader(index).ReadTextArray());
            }

            // A player without a meter (a TradCo or AggCo carrying contract energy) trades wholesale: transmission fees.
            _defaultLevel = GridLevel.Transmission;
            _period = long.MinValue;
            _frontier = new MerkleFrontier();
            if (state.TryGet(PeriodKey, out var period))
            {
                var r = Cbor.NewReader(period);
                r.ReadArrayOf(4);
                _period = r.ReadInt64();
                _periodFirst = r.ReadInt64();
                var count = r.ReadInt64();
                var n = r.ReadStartArray() ?? 0;
                var nodes = new List<Hash256>(n);
                for (var i = 0; i < n; i++)
                {
                    nodes.Add(r.ReadHash());
                }

                _frontier = MerkleFrontier.FromNodes(count, nodes);
            }
        }

        public List<Invoice> Invoices { get; } = [];

        private StateOverlay State => _context.State;

        /// <summary>Phase A for one interval: each meter's actual reading or estimate, and the MPM price.</summary>
        public IntervalInputs Meter(long t)
        {
            // 1. VEE: each meter's actual reading, or its estimate (the last actual reading).
            var own = new Dictionary<PlayerId, Metered>();
            var portfolio = new Dictionary<PlayerId, Metered>();
            var estimated = new List<(MeterRecord Meter, MeterReadingValue Value)>();
            for (var k = 0; k < _meters.Count; k++)
            {
                var meter = _meters[k];
                if (meter.FirstInterval > t)
                {
                    continue;
                }

                var log = _logs[meter.Id];
                MeterReadingValue value;
                var isEstimate = !log.Pending.Remove(t, out value);
                if (isEstimate)
                {
                    value = new MeterReadingValue(log.LastImport, log.LastExport);
                    estimated.Add((meter, value));
                }
                else
                {
                    log.LastImport = value.Import;
                    log.LastExport = value.Export;
                }

                Accumulate(own, meter.Owner, meter, value, isEstimate);
                if (_representatives[k] is { } representative)
                {
                    Accumulate(portfolio, representative, meter, value, isEstimate);
                }
            }

            // 2. MPM: the merit order of the interval's supply offers against its demand sets the MPM price.
            var mpmBook = BookOf(_mpm, t);
            EnergyPrice? cleared = null;
            if (mpmBook is { Count: > 0 } && MeritOrderClearing.Clear(mpmBook, new MeritOrderOptions { PriceCap = _config.PriceCap }) is { IsSuccess: true } merit)
            {
                cleared = merit.Value.Price;
            }

            var price = (cleared ?? _config.FallbackMpmPrice).MicrosPerKilowattHour;
            var prices = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("mpm", price), KeyValuePair.Create("reference", price)]);
            return new IntervalInputs(own, portfolio, estimated, cleared ?? _config.FallbackMpmPrice, cleared is not null, prices);
        }

        /// <summary>
        /// Phase B: every live contract over the close's intervals from its next one, contract <c>i</c> on worker
        /// <c>i mod workers</c> with its state threaded through its intervals; each worker goes interval by interval and
        /// signals each one done. Pure: the results are applied in contract order by <see cref="CloseInterval"/>.
        /// </summary>
        public ContractRun StartContracts(IntervalInputs[] inputs, long from, ContractRuntime[] runtimes)
        {
            var results = new Result<IntervalOutcome>?[_live.Count][];
            var templates = new ImmutableDictionary<Hash256, Template>?[_live.Count];
            var failed = new Error?[_live.Count];
            for (var i = 0; i < _live.Count; i++)
            {
                results[i] = new Result<IntervalOutcome>?[inputs.Length];
                var found = _contracts.ScheduledTemplates(State, _live[i]);
                if (found.IsSuccess)
                {
                    templates[i] = found.Value;
                }
                else
                {
                    failed[i] = found.Error;
                }
            }

            var run = new ContractRun(results, inputs.Length, runtimes.Length);
            var live = _live.ToArray();
            for (var worker = 0; worker < runtimes.Length; worker++)
            {
                var w = worker;
                run.Start(w, () => Work(w));
            }

            return run;

            void Work(int worker)
            {
                var states = new ContractValue[live.Length];
                for (var i = worker; i < live.Length; i += runtimes.Length)
                {
                    states[i] = live[i].State;
                }

                for (var k = 0; k < inputs.Length; k++)
                {
                    var t = from + k;
                    var input = inputs[k];
                    for (var i = worker; i < live.Length; i += runtimes.Length)
                    {
                        var record = live[i];
                        if (record.Status != Contracts.Lifecycle.ContractStatus.Live || record.NextInterval > t || t < record.TermStart || t >= record.TermEnd)
                        {
                            continue;
                        }

                        if (failed[i] is { } error)
                        {
                            results[i][k] = error;
                            continue;
                        }

                        var meters = ImmutableSortedDictionary.CreateBuilder<string, MeterReading>(StringComparer.Ordinal);
                        foreach (var (role, party) in record.Parties)
                        {
                            var m = Reading(input.Own, input.Portfolio, party);
                            meters[role] = new MeterReading(m.Import, m.Export, m.Renewable);
                        }

                        Result<IntervalOutcome> outcome;
                        try
                        {
                            outcome = ContractModule.RunScheduled(runtimes[worker], templates[i]!, record, _parties[record.Id], states[i], new IntervalInput(new DeliveryInterval(_length, t), meters.ToImmutable(), input.Prices));
                        }
                        catch (Exception ex) when (ex is not OutOfMemoryException)
                        {
                            // Whatever one contract throws is that contract's failure in that interval, on every node alike.
                            outcome = Result<IntervalOutcome>.Fail(Contracts.ContractErrors.ExecutionFault, $"{ex.GetType().Name} in interval {t}.");
                        }

                        results[i][k] = outcome;
                        if (outcome.IsSuccess)
                        {
                            states[i] = outcome.Value.State;
                        }
                    }

                    run.Done(k);
                }
            }
        }

        /// <summary>Phase C for one interval: contract results in contract order, SPM, corrections, P2G, journal, billing.</summary>
        public void CloseInterval(long t, IntervalInputs inputs, Result<IntervalOutcome>?[][] outcomes, long from, CborWriter output)
        {
            var first = t == from;
            var (own, portfolio, estimated, price, isCleared, _) = inputs;
            EnergyPrice? cleared = isCleared ? price : null;
            var interval = new DeliveryInterval(_length, t);
            var accounts = new Dictionary<string, AccountLines>(StringComparer.Ordinal);
            AccountLines Lines(string account)
            {
                if (!accounts.TryGetValue(account, out var lines))
                {
                    lines = new AccountLines();
                    accounts[account] = lines;
                }

                return lines;
            }

            // 3. Contracts: the results of phase B, in contract order.
            var energy = new Dictionary<PlayerId, long>();
            var failures = new List<(Hash256 Contract, string Code)>();
            for (var i = 0; i < _live.Count; i++)
            {
                if (outcomes[i][t - from] is not { } outcome)
                {
                    continue;
                }

                var record = _live[i];
                if (!outcome.IsSuccess)
                {
                    failures.Add((record.Id, outcome.Error.Code));
                    _live[i] = ContractModule.Advance(record, t + 1, record.State);
                    continue;
                }

                // Certificates a giver does not hold are not transferred; the interval's energy and money stand.
                var certified = ContractModule.ApplyScheduledCertificates(State, record, outcome.Value);
                if (!certified.IsSuccess)
                {
                    failures.Add((record.Id, certified.Error.Code));
                }

                var reference = record.Id.ToString();
                foreach (var a in outcome.Value.Allocations)
                {
                    var giver = record.Parties[a.From];
                    var taker = record.Parties[a.To];
                    Lines(giver.Value).Add(LineKind.Contract, reference, -a.Energy, 0);
                    Lines(taker.Value).Add(LineKind.Contract, reference, a.Energy, 0);
                    energy[giver] = checked(energy.GetValueOrDefault(giver) - a.Energy);
                    energy[taker] = checked(energy.GetValueOrDefault(taker) + a.Energy);
                }

                foreach (var p in outcome.Value.Payments)
                {
                    Lines(record.Parties[p.From].Value).Add(LineKind.Contract, reference, 0, -p.Amount);
                    Lines(record.Parties[p.To].Value).Add(LineKind.Contract, reference, 0, p.Amount);
                }

                foreach (var c in certified.IsSuccess ? outcome.Value.Certificates : [])
                {
                    if (c.From is { } source)
                    {
                        Lines(record.Parties[source].Value).Add(LineKind.Contract, reference, 0, 0, -c.Count);
                    }

                    Lines(record.Parties[c.To].Value).Add(LineKind.Contract, reference, 0, 0, c.Count);
                }

                _live[i] = ContractModule.Advance(record, t + 1, outcome.Value.State);
            }

            // 4. SPM: the interval's double auction over the standing orders.
            var spmBook = BookOf(_spm, t);
            EnergyPrice? spmPrice = null;
            long spmVolume = 0;
            if (spmBook is { Count: > 0 } && DoubleAuction.Clear(spmBook, _config.Mechanism) is { IsSuccess: true } auction)
            {
                spmPrice = auction.Value.ClearingPrice;
                spmVolume = auction.Value.ClearedQuantity.MilliwattHours;
                foreach (var fill in auction.Value.Fills)
                {
                    var buyer = spmBook.Orders[spmBook.IndexOf(fill.BuyOrderId)].Player!.Value;
                    var seller = spmBook.Orders[spmBook.IndexOf(fill.SellOrderId)].Player!.Value;
                    var q = fill.Quantity.MilliwattHours;
                    Lines(buyer.Value).Add(LineKind.Spm, string.Empty, q, -fill.BuyerPays.Micros);
                    Lines(seller.Value).Add(LineKind.Spm, string.Empty, -q, fill.SellerReceives.Micros);
                    energy[buyer] = checked(energy.GetValueOrDefault(buyer) + q);
                    energy[seller] = checked(energy.GetValueOrDefault(seller) - q);
                }

                if (auction.Value.OperatorSurplus.Micros != 0)
                {
                    Lines(_config.MarketOperator.Value).Add(LineKind.SpmSurplus, string.Empty, 0, auction.Value.OperatorSurplus.Micros);
                }
            }

            // 5. Late actual readings that replaced estimates: re-settle the residual change at the estimated interval's terms.
            if (first)
            {
                // Late readings of one owner for one interval (several meters) are re-settled together, against the
                // residual recorded at that interval's close: one P2G difference for their summed change.
                var corrections = new SortedDictionary<(PlayerId Owner, long Interval), (long Delta, long Price, long Residual)>();
                foreach (var meter in _meters)
                {
                    var log = _logs[meter.Id];
                    foreach (var c in log.Corrections)
                    {
                        var key = (meter.Owner, c.Interval);
                        corrections[key] = corrections.TryGetValue(key, out var sum)
                            ? sum with { Delta = checked(sum.Delta + c.DeltaNet) }
                            : (c.DeltaNet, c.MpmPrice, c.Residual);
                    }

                    log.Corrections.Clear();
                }

                foreach (var ((owner, corrected), (delta, mpmPrice, residual)) in corrections)
                {
                    Correct(Lines, owner, corrected, delta, mpmPrice, residual);
                }
            }

            // 6. P2G: each player's residual (metered − contract − SPM) at the MPM price under the tariff.
            var players = new List<PlayerId>(own.Count + energy.Count);
            players.AddRange(own.Keys);
            foreach (var player in energy.Keys)
            {
                if (!own.ContainsKey(player))
                {
                    players.Add(player);
                }
            }

            players.Sort();
            var positions = new List<ResidualPosition>();
            var residuals = new Dictionary<PlayerId, long>();
            foreach (var player in players)
            {
                var metered = own.TryGetValue(player, out var m) ? m.Net : 0;
                var residual = checked(metered - energy.GetValueOrDefault(player));
                residuals[player] = residual;
                if (own.TryGetValue(player, out var ownMetered))
                {
                    Lines(player.Value).Add(LineKind.Metered, ownMetered.Estimated ? "estimated" : string.Empty, ownMetered.Net, 0);
                }

                if (residual != 0)
                {
                    positions.Add(new ResidualPosition(player, LevelOf(player), new EnergyQuantity(residual)));
                }
            }

            if (positions.Count > 0)
            {
                var p2g = PeerToGridSettlement.Settle(positions, price, _tariff);
                if (!p2g.IsSuccess)
                {
                    throw new InvalidOperationException(p2g.Error.ToString());
                }

                Post(Lines, p2g.Value, LineKind.P2gEnergy, LineKind.RetailSpread, LineKind.GridFee, string.Empty);
            }

            // 7. Estimates wait for their late actual reading, with the terms they were settled at.
            foreach (var (meter, value) in estimated)
            {
                _logs[meter.Id].Estimates[t] = new EstimateEntry(value.Import, value.Export, price.MicrosPerKilowattHour, residuals.GetValueOrDefault(meter.Owner));
            }

            foreach (var log in _logs.Values)
            {
                while (log.Estimates.Count > 0 && log.Estimates.First().Key <= t - _config.LateWindow)
                {
                    log.Estimates.Remove(log.Estimates.First().Key);
                }
            }

            // 8. The journal: check the invariants, then hash each account's entry into the interval root.
            var names = accounts.Keys.ToArray();
            Array.Sort(names, StringComparer.Ordinal);
            var sorted = new ImmutableArray<JournalLine>[names.Length];
            long money = 0;
            for (var i = 0; i < names.Length; i++)
            {
                sorted[i] = accounts[names[i]].ToArray();
                money = checked(money + accounts[names[i]].Money);
                if (!string.Equals(names[i], MpmAccount, StringComparison.Ordinal))
                {
                    CheckEnergyBalance(names[i], sorted[i]);
                }
            }

            if (money != 0)
            {
                throw new InvalidOperationException($"Interval {t}: the journal's money sums to {money}, not zero.");
            }

            var leaves = new Hash256[names.Length];
            var period = BillingPeriod.Of(interval, _config.BillingDays);
            for (var i = 0; i < names.Length; i++)
            {
                _writer.Reset();
                WriteEntry(_writer, names[i], sorted[i]);
                leaves[i] = MerkleTree.LeafHash(_writer.Encode());
                Bill(names[i], sorted[i], period);
            }

            var root = MerkleTree.Root(leaves);
            if (period != _period)
            {
                _period = period;
                _periodFirst = t;
                _frontier = new MerkleFrontier();
            }

            _frontier.Append(MerkleTree.LeafHash(IntervalLeaf(t, root)));

            output.WriteStartArray(8);
            output.WriteInt64(t);
            output.WriteInt64(price.MicrosPerKilowattHour);
            output.WriteBoolean(cleared is not null);
            if (spmPrice is { } sp)
            {
                output.WriteInt64(sp.MicrosPerKilowattHour);
            }
            else
            {
                output.WriteNull();
            }

            output.WriteInt64(spmVolume);
            output.WriteStartArray(failures.Count);
            foreach (var (contract, code) in failures)
            {
                output.WriteStartArray(2);
                output.WriteHash(contract);
                output.WriteTextString(code);
                output.WriteEndArray();
            }

            output.WriteEndArray();
            output.WriteHash(root);
            output.WriteStartArray(names.Length);
            for (var i = 0; i < names.Length; i++)
            {
                WriteEntry(output, names[i], sorted[i]);
            }

            output.WriteEndArray();
            output.WriteEndArray();

            // 9. At the end of a billing period: one invoice per account with lines in it.
            if (BillingPeriod.Of(interval.Next, _config.BillingDays) != period)
            {
                IssueInvoices(t + 1);
            }
        }

        /// <summary>An account's entry in an interval record: <c>[account, lines]</c>; its canonical bytes are the account's leaf.</summary>
        private static void WriteEntry(CborWriter w, string account, ImmutableArray<JournalLine> lines)
        {
            w.WriteStartArray(2);
            w.WriteTextString(account);
            w.WriteStartArray(lines.Length);
            foreach (var line in lines)
            {
                line.Write(w);
            }

            w.WriteEndArray();
            w.WriteEndArray();
        }

        public void Save(long through)
        {
            var state = State;
            foreach (var (id, log) in _logs)
            {
                state.Set(MeterLog.StateKey(id), log.Encode());
            }

            foreach (var record in _live)
            {
                // A contract whose term ended by the end of this close is over, executed to its end or not.
                var over = record.Status == Contracts.Lifecycle.ContractStatus.Live && record.TermEnd <= through + 1;
                ContractModule.Store(state, over ? ContractModule.Advance(record, Math.Max(record.NextInterval, record.TermEnd), record.State) : record);
            }

            Prune(MarketKind.Spm, _spm, through);
            Prune(MarketKind.Mpm, _mpm, through);
            foreach (var (account, (period, lines)) in _billing)
            {
                var w = Cbor.NewWriter();
                w.WriteStartArray(2);
                w.WriteInt64(period);
                var array = lines.ToArray();
                w.WriteStartArray(array.Length);
                foreach (var line in array)
                {
                    line.Write(w);
                }

                w.WriteEndArray();
                w.WriteEndArray();
                state.Set(BillingKey(account), w.Encode());
            }

            var index = Cbor.NewWriter();
            index.WriteTextArray(_billingIndex);
            state.Set(BillingIndexKey, index.Encode());

            var frontier = Cbor.NewWriter();
            frontier.WriteStartArray(4);
            frontier.WriteInt64(_period);
            frontier.WriteInt64(_periodFirst);
            frontier.WriteInt64(_frontier.Count);
            var nodes = _frontier.ToNodes();
            frontier.WriteStartArray(nodes.Length);
            foreach (var node in nodes)
            {
                frontier.WriteHash(node);
            }

            frontier.WriteEndArray();
            frontier.WriteEndArray();
            state.Set(PeriodKey, frontier.Encode());

            var clock = Cbor.NewWriter();
            clock.WriteInt64(through);
            state.Set(SettlementModule.ClockKey, clock.Encode());
        }

        private void Prune(MarketKind market, ImmutableArray<StandingOrder> orders, long through)
        {
            var open = orders.Where(o => o.End > through + 1).ToList();
            if (open.Count != orders.Length)
            {
                State.Set(OrderList.StateKey(market), OrderList.Encode(open));
            }
        }

        private void Bill(string account, ImmutableArray<JournalLine> lines, long period)
        {
            if (!_billing.TryGetValue(account, out var open))
            {
                open = (period, new AccountLines());
                if (State.TryGet(BillingKey(account), out var bytes))
                {
                    var r = Cbor.NewReader(bytes);
                    r.ReadArrayOf(2);
                    var stored = r.ReadInt64();
                    var n = r.ReadStartArray() ?? 0;
                    var stock = new List<JournalLine>(n);
                    for (var i = 0; i < n; i++)
                    {
                        stock.Add(JournalLine.Read(r));
                    }

                    open = (stored, new AccountLines());
                    open.Lines.Add(stock);
                }

                _billing[account] = open;
                _billingIndex.Add(account);
            }

            if (open.Period != period)
            {
                throw new InvalidOperationException($"The open billing totals of '{account}' are for period {open.Period}, not {period}.");
            }

            foreach (var line in lines)
            {
                open.Lines.Add(line.Kind, line.BillingReference, line.Energy, line.Money, line.Certificates);
            }
        }

        private void IssueInvoices(long end)
        {
            var root = _frontier.Root();
            foreach (var account in _billingIndex.ToList())
            {
                if (!_billing.TryGetValue(account, out var open))
                {
                    // Totals stored by an earlier close of this period.
                    Bill(account, [], _period);
                    open = _billing[account];
                }

                var invoice = new Invoice(account, open.Period, _periodFirst, end, open.Lines.ToArray(), root, _frontier.Count);
                State.Set(Invoice.StateKey(account, open.Period), invoice.Encode());
                Invoices.Add(invoice);
                _billing.Remove(account);
                State.Delete(BillingKey(account));
            }

            _billingIndex.Clear();
            _period = long.MinValue;
            _frontier = new MerkleFrontier();
        }

        private void Correct(Func<string, AccountLines> lines, PlayerId owner, long interval, long delta, long mpmPrice, long residual)
        {
            var level = LevelOf(owner);
            var price = new EnergyPrice(mpmPrice);
            var before = Settle(owner, level, residual, price);
            var after = Settle(owner, level, checked(residual + delta), price);
            var reference = interval.ToString(CultureInfo.InvariantCulture);
            lines(owner.Value).Add(LineKind.MeteredCorrection, reference, delta, 0);
            lines(owner.Value).Add(LineKind.Correction, reference, delta, 0);
            lines(MpmAccount).Add(LineKind.Correction, reference, -delta, 0);
            foreach (var (account, amount) in after)
            {
                lines(account).Add(LineKind.Correction, reference, 0, checked(amount - before.GetValueOrDefault(account)));
            }

            foreach (var (account, amount) in before)
            {
                if (!after.ContainsKey(account))
                {
                    lines(account).Add(LineKind.Correction, reference, 0, -amount);
                }
            }
        }

        /// <summary>The money per account of settling one residual at the P2G interface.</summary>
        private SortedDictionary<string, long> Settle(PlayerId player, GridLevel level, long residual, EnergyPrice price)
        {
            var result = new SortedDictionary<string, long>(StringComparer.Ordinal);
            if (residual == 0)
            {
                return result;
            }

            var settled = PeerToGridSettlement.Settle([new ResidualPosition(player, level, new EnergyQuantity(residual))], price, _tariff);
            if (!settled.IsSuccess)
            {
                throw new InvalidOperationException(settled.Error.ToString());
            }

            foreach (var posting in settled.Value.Postings)
            {
                var account = AccountOf(posting);
                result[account] = checked(result.GetValueOrDefault(account) + posting.Amount.Micros);
            }

            return result;
        }

        private string AccountOf(InterfacePosting posting) => posting.Account switch
        {
            InterfaceAccount.Player => posting.Player!.Value.Value,
            InterfaceAccount.MainPowerMarket => MpmAccount,
            InterfaceAccount.Retailer => _config.Retailer.Value,
            _ => _config.GridOperators[posting.Level!.Value].Value,
        };

        private void Post(Func<string, AccountLines> lines, InterfaceSettlement settlement, LineKind energyKind, LineKind spreadKind, LineKind feeKind, string reference)
        {
            foreach (var line in settlement.Players)
            {
                var importing = line.NetImport.MilliwattHours >= 0;
                var account = lines(line.Player.Value);
                account.Add(energyKind, reference, line.NetImport.MilliwattHours, importing ? -line.Energy.Micros : line.Energy.Micros);
                account.Add(spreadKind, reference, 0, -line.Spread.Micros);
                account.Add(feeKind, LevelName(line.Level), 0, -line.GridFee.Micros);
            }

            foreach (var posting in settlement.Postings)
            {
                switch (posting.Account)
                {
                    case InterfaceAccount.MainPowerMarket:
                        lines(MpmAccount).Add(energyKind, reference, -settlement.NetPosition.MilliwattHours, posting.Amount.Micros);
                        break;
                    case InterfaceAccount.Retailer:
                        lines(_config.Retailer.Value).Add(spreadKind, reference, 0, posting.Amount.Micros);
                        break;
                    case InterfaceAccount.GridOperator:
                        lines(_config.GridOperators[posting.Level!.Value].Value).Add(feeKind, LevelName(posting.Level.Value), 0, posting.Amount.Micros);
                        break;
                }
            }
        }

        private static void CheckEnergyBalance(string account, ImmutableArray<JournalLine> lines)
        {
            long metered = 0, covered = 0;
            foreach (var line in lines)
            {
                switch (line.Kind)
                {
                    case LineKind.Metered or LineKind.MeteredCorrection:
                        metered = checked(metered + line.Energy);
                        break;
                    case LineKind.Contract or LineKind.Spm or LineKind.P2gEnergy or LineKind.Correction:
                        covered = checked(covered + line.Energy);
                        break;
                }
            }

            if (metered != covered)
            {
                throw new InvalidOperationException($"The energy of '{account}' does not balance: metered {metered} mWh, covered {covered} mWh.");
            }
        }

        private static string LevelName(GridLevel level) => level switch
        {
            GridLevel.Transmission => "transmission",
            GridLevel.MediumVoltage => "medium-voltage",
            _ => "low-voltage",
        };

        private GridLevel LevelOf(PlayerId player) => _levels.TryGetValue(player, out var level) ? level : _defaultLevel;

        private PlayerRecord? Player(PlayerId id)
        {
            if (!_players.TryGetValue(id, out var record))
            {
                record = _context.FindPlayer(id);
                _players[id] = record;
            }

            return record;
        }

        private Metered Reading(Dictionary<PlayerId, Metered> own, Dictionary<PlayerId, Metered> portfolio, PlayerId party)
        {
            var m = own.GetValueOrDefault(party);
            if (Player(party) is { CanRepresent: true } && portfolio.TryGetValue(party, out var customers))
            {
                m = m.Plus(customers);
            }

            return m;
        }

        private static void Accumulate<TDictionary>(TDictionary totals, PlayerId player, MeterRecord meter, MeterReadingValue value, bool estimated)
            where TDictionary : IDictionary<PlayerId, Metered>
        {
            var current = totals.TryGetValue(player, out var m) ? m : new Metered(0, 0, false, true, false);
            totals[player] = current.Plus(new Metered(value.Import, value.Export, estimated, meter.Renewable, true));
        }

        private static OrderBook? BookOf(ImmutableArray<StandingOrder> orders, long t)
        {
            List<Order>? open = null;
            foreach (var o in orders)
            {
                if (o.First <= t && t < o.End)
                {
                    (open ??= []).Add(new Order(o.Id, o.Side, new EnergyQuantity(o.Quantity), o.Price is { } p ? new EnergyPrice(p) : null)
                    {
                        Player = o.Player,
                        Technology = o.Technology == 0 ? null : (Technology)o.Technology,
                    });
                }
            }

            return open is null ? null : OrderBook.Create(open) is { IsSuccess: true } book ? book.Value : null;
        }
    }

    /// <summary>The leaf of an interval in its billing period's tree: canonical CBOR <c>[interval, intervalRoot]</c>.</summary>
    public static byte[] IntervalLeaf(long interval, Hash256 root)
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(2);
        w.WriteInt64(interval);
        w.WriteHash(root);
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>A player's metered energy in one interval.</summary>
    private readonly record struct Metered(long Import, long Export, bool Estimated, bool Renewable, bool HasMeter)
    {
        public long Net => checked(Import - Export);

        public Metered Plus(Metered other) => HasMeter
            ? new(checked(Import + other.Import), checked(Export + other.Export), Estimated || other.Estimated, Renewable && other.Renewable, true)
            : other;
    }
}
