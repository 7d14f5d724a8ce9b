using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Flecs.Contracts.Library;
using Flecs.Contracts.Lifecycle;
using Flecs.Contracts.Templates;
using Flecs.Contracts.Values;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Core.Time;
using Flecs.Core.Units;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Players;
using Flecs.Ledger.Registry;
using Flecs.Ledger.Transactions;
using Flecs.Market.Clearing;
using Flecs.Market.Interface;
using Flecs.Node.Clients;
using Flecs.Node.Hosting;
using Flecs.Node.Sequencing;
using Flecs.Settlement;
using Flecs.Settlement.Close;
using Flecs.Settlement.Config;
using Flecs.Settlement.Meters;
using Flecs.Settlement.Orders;
using Flecs.Simulation.Assets;
using Flecs.Simulation.Results;
using Flecs.Simulation.Scenarios;

namespace Flecs.Simulation.Running;

/// <summary>
/// One simulation run (docs/scenarios.md#how-a-run-works): a new chain whose keys derive from the seed, the embedded
/// node on a simulated clock with blocks cut on request, and the district's agents, which sign every registration,
/// meter, contract, order, reading and close as transactions through <see cref="LedgerClient"/> and submit them in a
/// fixed order, step by step. The same scenario and seed therefore give the same chain, byte for byte.
/// </summary>
internal sealed class DistrictRun : IDisposable
{
    /// <summary>The file that marks a directory as a simulation's ledger (so a rerun may replace it).</summary>
    public const string Marker = "SIMULATION";

    private const int MaxBatchesPerTransaction = 12;
    private const int StepPart = 50_000;
    private const string Sa = "sa";
    private const string MarketOperator = "market-operator";
    private const string SystemOperator = "system-operator";

    private readonly DistrictPlan _plan;
    private readonly Scenario _scenario;
    private readonly SimulationKeys _keys;
    private readonly DistrictModel _model;
    private readonly string _root;
    private readonly IProgress<SimulationProgress>? _progress;
    private readonly List<Step> _step = [];
    private readonly ResultCollector _collector;
    private readonly int _perHour;
    private readonly int _perDay;
    private readonly long _start;
    private readonly IntervalLength _length;
    private readonly DateTimeOffset _startTime;
    private readonly HashSet<(int Household, int Day, int Hour)> _badReadings;
    private readonly Dictionary<string, List<ReadingBatch>> _late = new(StringComparer.Ordinal);
    private readonly List<Meter> _meters = [];
    private SimulationClock _clock = null!;
    private EmbeddedNode _node = null!;
    private LedgerClient _client = null!;
    private RunningVerifier? _verifier;
    private long _transactions;
    private long _rejected;

    public DistrictRun(DistrictPlan plan, string root, IProgress<SimulationProgress>? progress)
    {
        _plan = plan;
        _scenario = plan.Scenario;
        _root = root;
        _progress = progress;
        _keys = new SimulationKeys(_scenario.Seed);
        _model = new DistrictModel(plan);
        _length = IntervalLength.FromMinutes(_scenario.IntervalMinutes);
        _perHour = 60 / _scenario.IntervalMinutes;
        _perDay = 24 * _perHour;
        _startTime = new DateTimeOffset(_scenario.Start.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        _start = _length.IntervalAt(_startTime.ToUnixTimeSeconds()).Index;
        _collector = new ResultCollector(plan, _startTime);
        _badReadings = ChooseBadReadings();
    }

    public async Task<SimulationResult> RunAsync(CancellationToken ct)
    {
        var wall = Stopwatch.StartNew();
        var genesisTime = _startTime.AddDays(-1);
        var data = new DataDirectory(_root);
        var initialized = data.Initialize("flecs-sim", _length, 1, new SimulationClock(genesisTime), "EUR", id => SimulationKeys.Derive(_scenario.Seed, id.Value));
        if (!initialized.IsSuccess)
        {
            throw new SimulationException(initialized.Error);
        }

        var genesisBytes = await File.ReadAllBytesAsync(data.GenesisPath, ct).ConfigureAwait(false);
        _clock = new SimulationClock(genesisTime.AddHours(1));
        var opened = EmbeddedNode.Open(new NodeOptions { DataDirectory = _root, SealOnRequest = true }, _clock);
        if (!opened.IsSuccess)
        {
            throw new SimulationException(opened.Error);
        }

        _node = opened.Value;
        long headHeight;
        Hash256 headHash;
        var verifier = new RunningVerifier(data, genesisBytes);
        await using var verifierLifetime = verifier.ConfigureAwait(false);
        var bookkeeping = new BackgroundQueue();
        await using (_node.ConfigureAwait(false))
        {
            _verifier = verifier;
            _client = new LedgerClient(_node);
            Report(0, "set-up");
            var today = _model.Generate(_scenario.Start);
            await SetUpAsync(today, ct).ConfigureAwait(false);
            for (var d = 0; d < _scenario.Days; d++)
            {
                DayData? tomorrow = null;
                for (var h = 0; h < 24; h++)
                {
                    var first = _start + (d * (long)_perDay) + (h * (long)_perHour);
                    var last = first + _perHour - 1;
                    _clock.Set(DateTimeOffset.FromUnixTimeSeconds(((last + 1) * _length.Seconds) + 10));
                    AddReadings(today, d, h);
                    if (h == 11 && d + 1 < _scenario.Days)
                    {
                        tomorrow = _model.Generate(_scenario.Start.AddDays(d + 1));
                        AddOrders(tomorrow, d + 1);
                    }

                    var close = Add(MarketOperator, SettlementTransactionTypes.CloseIntervals, new ClosePayload(last).Encode(), "the market operator closes the hour");
                    var results = await FlushAsync(ct).ConfigureAwait(false);
                    var (output, day, dayStart) = (results[close].Receipt!.Output, today, _start + (d * (long)_perDay));
                    await bookkeeping.PostAsync(() => _collector.AddClose(CloseOutput.Decode(output), day, dayStart), ct).ConfigureAwait(false);
                    Report((d * (long)_perDay) + ((h + 1) * (long)_perHour), "settling");
                }

                var finished = today;
                await bookkeeping.PostAsync(() => _collector.AddDay(finished), ct).ConfigureAwait(false);
                today = tomorrow ?? today;
            }

            headHeight = _node.Chain.Head.Height;
            headHash = _node.Chain.Head.Hash();
        }

        Report(_scenario.Days * (long)_perDay, "verifying");
        await bookkeeping.CompleteAsync().ConfigureAwait(false);
        var verification = await verifier.FinishAsync(headHeight, headHash).ConfigureAwait(false);
        var verifyMessage = verification.IsValid
            ? $"blocks 0–{verification.HeadHeight.ToString("N0", CultureInfo.InvariantCulture)} and {verification.TransactionsVerified.ToString("N0", CultureInfo.InvariantCulture)} transactions replayed from genesis while the run went on; the state matches"
            : $"{verification.Error.Code} at height {verification.FirstBadHeight.ToString(CultureInfo.InvariantCulture)}: {verification.Error.Message}";
        var storeBytes = new FileInfo(data.StorePath).Length + (File.Exists(data.StorePath + "-wal") ? new FileInfo(data.StorePath + "-wal").Length : 0);
        var ledger = new LedgerFigures(headHeight, _transactions, _rejected, headHash.ToString(), verification.IsValid, verifyMessage, storeBytes, _collector.Invoices);
        return _collector.Build(ledger, wall.Elapsed.TotalSeconds);
    }

    public void Dispose() => _keys.Dispose();

    private async Task SetUpAsync(DayData firstDay, CancellationToken ct)
    {
        // Players: the SA registers and authorizes the active ones; then each representative (an authorized AggCo or
        // TradCo) registers its passive households, and the SA authorizes them.
        foreach (var p in _plan.Players.Where(p => p.Representative is null))
        {
            Add(Sa, TransactionType.RegisterPlayer, new RegisterPlayerPayload(PlayerId.Parse(p.Id), p.Role, PlayerMode.Active, _keys.Get(p.Id).PublicKey, null).Encode(), "the SA registers the players");
            Add(Sa, TransactionType.AuthorizePlayer, new PlayerActionPayload(PlayerId.Parse(p.Id), "district simulation").Encode(), "the SA authorizes the players");
        }

        await FlushAsync(ct).ConfigureAwait(false);
        foreach (var p in _plan.Players.Where(p => p.Representative is not null))
        {
            Add(p.Representative!, TransactionType.RegisterPlayer, new RegisterPlayerPayload(PlayerId.Parse(p.Id), p.Role, PlayerMode.Passive, null, PlayerId.Parse(p.Representative!)).Encode(), "representatives register their passive households");
            Add(Sa, TransactionType.AuthorizePlayer, new PlayerActionPayload(PlayerId.Parse(p.Id), "district simulation").Encode(), "the SA authorizes the passive households");
        }

        await FlushAsync(ct).ConfigureAwait(false);

        Add(Sa, SettlementTransactionTypes.ConfigureSettlement, Configuration().Encode(), "the SA configures settlement");
        foreach (var kind in _plan.Contracts.Select(c => c.Template).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var template = StandardLibrary.Get(kind);
            Add(Sa, ContractTransactionTypes.CertifyTemplate, new CertifyTemplatePayload(template.Source, [DryRunSample.For(template.Meta)]).Encode(), "the SA certifies the templates in use");
        }

        await FlushAsync(ct).ConfigureAwait(false);

        RegisterMeters();
        await FlushAsync(ct).ConfigureAwait(false);

        await AgreeContractsAsync(ct).ConfigureAwait(false);
        AddOrders(firstDay, 0);
        await FlushAsync(ct).ConfigureAwait(false);
    }

    private SettlementConfig Configuration()
    {
        var m = _scenario.Market;
        var fees = m.GridFees;
        return new SettlementConfig(
            _start,
            string.Equals(m.Mechanism, "pay-as-bid", StringComparison.Ordinal) ? ClearingMechanism.PayAsBid : ClearingMechanism.PayAsClear,
            new EnergyPrice(PerMwh(m.FallbackPrice)),
            new EnergyPrice(PerMwh(m.PriceCap)),
            new EnergyPrice(PerKwh(m.RetailSpread)),
            new EnergyPrice(PerKwh(m.FeedInSpread)),
            [
                new Flecs.Market.Interface.GridFee(GridLevel.Transmission, new EnergyPrice(PerKwh(fees.Transmission.Withdrawal)), new EnergyPrice(PerKwh(fees.Transmission.Injection))),
                new Flecs.Market.Interface.GridFee(GridLevel.MediumVoltage, new EnergyPrice(PerKwh(fees.MediumVoltage.Withdrawal)), new EnergyPrice(PerKwh(fees.MediumVoltage.Injection))),
                new Flecs.Market.Interface.GridFee(GridLevel.LowVoltage, new EnergyPrice(PerKwh(fees.LowVoltage.Withdrawal)), new EnergyPrice(PerKwh(fees.LowVoltage.Injection))),
            ],
            PlayerId.Parse("tradco"),
            ImmutableSortedDictionary.CreateRange([KeyValuePair.Create(GridLevel.Transmission, PlayerId.Parse("transco")), KeyValuePair.Create(GridLevel.MediumVoltage, PlayerId.Parse("distco")), KeyValuePair.Create(GridLevel.LowVoltage, PlayerId.Parse("distco"))]),
            PlayerId.Parse(MarketOperator),
            m.LateWindowHours * (long)_perHour,
            BillingDays: m.BillingDays ?? 1);
    }

    private void RegisterMeters()
    {
        foreach (var h in _plan.Households)
        {
            var sender = h.Representative ?? h.Id;
            var signer = _keys.Get(h.Representative is null ? "meter:" + h.Id : "gateway:" + h.Representative);
            var kind = h.Pv is null ? MeterKind.Consumption : MeterKind.Bidirectional;
            _meters.Add(new Meter("m-" + h.Id, h.Id, sender, signer, MeterSource.Household, h.Index, 43_000));
            Add(sender, SettlementTransactionTypes.RegisterMeter, new MeterRecord("m-" + h.Id, PlayerId.Parse(h.Id), signer.PublicKey, "district", GridLevel.LowVoltage, kind, h.Pv is not null, 43_000, _start).Encode(), "meters are registered");
        }

        foreach (var (b, i) in _scenario.Businesses.Select((b, i) => (b, i)))
        {
            var signer = _keys.Get("meter:" + b.Id);
            var limit = (long)Math.Ceiling(b.AnnualKwh / 8.76 * 6);
            var level = string.Equals(b.Level, "low-voltage", StringComparison.Ordinal) ? GridLevel.LowVoltage : GridLevel.MediumVoltage;
            _meters.Add(new Meter("m-" + b.Id, b.Id, b.Id, signer, MeterSource.Business, i, limit));
            Add(b.Id, SettlementTransactionTypes.RegisterMeter, new MeterRecord("m-" + b.Id, PlayerId.Parse(b.Id), signer.PublicKey, "district", level, MeterKind.Consumption, false, limit, _start).Encode(), "meters are registered");
        }

        foreach (var (g, k) in _model.MeteredGenerators.Select((g, k) => (_scenario.Generators[g], k)))
        {
            var signer = _keys.Get("meter:" + g.Id);
            var limit = (long)Math.Ceiling(g.CapacityMw * 1.05e6);
            _meters.Add(new Meter("m-" + g.Id, g.Id, g.Id, signer, MeterSource.Generator, k, limit));
            Add(g.Id, SettlementTransactionTypes.RegisterMeter, new MeterRecord("m-" + g.Id, PlayerId.Parse(g.Id), signer.PublicKey, "district", g.CapacityMw >= 10 ? GridLevel.Transmission : GridLevel.MediumVoltage, MeterKind.Production, true, limit, _start).Encode(), "meters are registered");
        }

        _meters.Sort((a, b) => string.CompareOrdinal(a.Sender, b.Sender) is var c && c != 0 ? c : string.CompareOrdinal(a.Id, b.Id));
    }

    private async Task AgreeContractsAsync(CancellationToken ct)
    {
        var end = _start + (_scenario.Days * (long)_perDay);
        var proposals = new List<(ContractPlan Plan, int Index, string Proposer)>();
        foreach (var contract in _plan.Contracts)
        {
            var template = StandardLibrary.Get(contract.Template);
            var parties = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, contract.Parties.Select(p => KeyValuePair.Create(p.Key, PlayerId.Parse(p.Value))));
            var proposer = SenderFor(contract.Parties.First(p => string.Equals(p.Key, template.Meta.Parties[0], StringComparison.Ordinal)).Value);
            var payload = new ProposeContractPayload(template.Hash, ContractValue.ParseJson(contract.ParametersJson).Value, parties, _start, end);
            proposals.Add((contract, Add(proposer, ContractTransactionTypes.ProposeContract, payload.Encode(), "players propose contracts"), proposer));
        }

        var proposed = await FlushAsync(ct).ConfigureAwait(false);
        foreach (var (contract, index, proposer) in proposals)
        {
            var id = proposed[index].TransactionId;
            _collector.AddContract(id, contract);
            foreach (var sender in contract.Parties.Select(p => SenderFor(p.Value)).Distinct(StringComparer.Ordinal).Where(s => !string.Equals(s, proposer, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                Add(sender, ContractTransactionTypes.AcceptContract, new ContractActionPayload(id, id, ContractValue.Null, 0, string.Empty).Encode(), "the other parties accept");
            }
        }

        await FlushAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Day-ahead orders for day <paramref name="d"/>: every GenCo's hourly offers at marginal cost, the System Operator's demand, and the SPM orders of the trading households.</summary>
    private void AddOrders(DayData day, int d)
    {
        var dayStart = _start + (d * (long)_perDay);
        var fuel = new FuelPrices(_scenario.Fuel);
        var cap = PerMwh(_scenario.Market.PriceCap);
        for (var g = 0; g < _scenario.Generators.Count; g++)
        {
            var generator = _scenario.Generators[g];
            var price = Math.Clamp(PerMwh(MarginalCost.EurPerMwh(generator, fuel, day.Date)), -cap, cap);
            var orders = ImmutableArray.CreateBuilder<OrderRequest>();
            for (var h = 0; h < 24; h++)
            {
                var quantity = PerInterval(day.GeneratorHourlyMw[g][h]);
                if (quantity >= 1)
                {
                    orders.Add(new OrderRequest(2, dayStart + (h * (long)_perHour), _perHour, quantity, price, TechnologyCode(generator.Technology)));
                }
            }

            if (orders.Count > 0)
            {
                Add(generator.Id, SettlementTransactionTypes.SubmitOrders, new OrdersPayload((int)MarketKind.Mpm, PlayerId.Parse(generator.Id), orders.ToImmutable()).Encode(), "GenCos offer day-ahead in the MPM");
            }
        }

        var demand = _scenario.Demand;
        var weekend = day.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? demand.WeekendFactor : 1.0;
        Add(SystemOperator, SettlementTransactionTypes.SubmitOrders, new OrdersPayload((int)MarketKind.Mpm, PlayerId.Parse(SystemOperator), [.. Enumerable.Range(0, 24).Select(h =>
            new OrderRequest(1, dayStart + (h * (long)_perHour), _perHour, PerInterval(weekend * (demand.BaseMw + ((demand.PeakMw - demand.BaseMw) * DemandShape[h]))), null, 0))]).Encode(), "the System Operator bids its demand forecast in the MPM");

        foreach (var h in _plan.Households.Where(h => h.Spm is not null))
        {
            var spm = h.Spm!;
            var random = DayRandom.For(unchecked((ulong)_scenario.Seed), SimulationStreams.Prices, (h.Index * 1_000) + d);
            var jitter = 0.9 + (0.2 * random.NextDouble());
            var readings = day.Households[h.Index];
            var orders = ImmutableArray.CreateBuilder<OrderRequest>();
            for (var hour = 0; hour < 24; hour++)
            {
                long net = 0;
                for (var i = hour * _perHour; i < (hour + 1) * _perHour; i++)
                {
                    net += readings[i].Import - readings[i].Export;
                }

                var quantity = (long)(Math.Abs(net) / (double)_perHour * spm.Hedge);
                if (quantity >= 1_000)
                {
                    var (side, price) = net < 0 ? (2, spm.SellPrice * jitter) : (1, spm.BuyPrice / jitter);
                    orders.Add(new OrderRequest(side, dayStart + (hour * (long)_perHour), _perHour, quantity, PerKwh(price), 0));
                }
            }

            if (orders.Count > 0)
            {
                Add(h.Representative ?? h.Id, SettlementTransactionTypes.SubmitOrders, new OrdersPayload((int)MarketKind.Spm, PlayerId.Parse(h.Id), orders.ToImmutable()).Encode(), "households trade their forecast surplus and deficit in the SPM");
            }
        }
    }

    /// <summary>One hour's readings: each sender's meters in batches (late batches of an earlier outage first), the injected bad readings before them.</summary>
    private void AddReadings(DayData day, int d, int h)
    {
        var chain = _node.Genesis.ChainId;
        var offset = h * _perHour;
        var first = _start + (d * (long)_perDay) + offset;
        foreach (var meter in _meters.Where(m => m.Source == MeterSource.Household && _badReadings.Contains((m.Index, d, h))))
        {
            // A gateway's garbled value: more than the connection allows. Refused with its code; the sender's next
            // transaction reuses the sequence number (a rejected transaction does not consume it).
            var bad = ReadingBatch.Create(chain, meter.Id, first, [new MeterReadingValue(meter.LimitWatts * _scenario.IntervalMinutes * 1_000 / 60 * 2, 0)], meter.Signer);
            Add(meter.Sender, SettlementTransactionTypes.SubmitReadings, new ReadingsPayload([bad]).Encode(), "a gateway sends an implausible reading", expectAccepted: false);
            _client.ResetSequence(PlayerId.Parse(meter.Sender));
        }

        // Gateway outages: one draw per meter, in the fixed meter order, from the hour's own random stream.
        var outages = DayRandom.For(unchecked((ulong)_scenario.Seed), SimulationStreams.Outages, (d * 24) + h);
        var outageRate = _scenario.Faults.GatewayOutageRate;
        foreach (var group in _meters.GroupBy(m => m.Sender, StringComparer.Ordinal))
        {
            var batches = new List<ReadingBatch>();
            if (_late.Remove(group.Key, out var late))
            {
                batches.AddRange(late);
            }

            foreach (var meter in group)
            {
                var values = Readings(day, meter).AsSpan(offset, _perHour).ToArray();
                var batch = ReadingBatch.Create(chain, meter.Id, first, values, meter.Signer);
                if (outages.NextDouble() < outageRate)
                {
                    if (!_late.TryGetValue(group.Key, out var pending))
                    {
                        pending = [];
                        _late.Add(group.Key, pending);
                    }

                    pending.Add(batch);
                }
                else
                {
                    batches.Add(batch);
                }
            }

            foreach (var chunk in batches.Chunk(MaxBatchesPerTransaction))
            {
                Add(group.Key, SettlementTransactionTypes.SubmitReadings, new ReadingsPayload([.. chunk]).Encode(), "meters submit the hour's signed readings");
            }
        }
    }

    private static MeterReadingValue[] Readings(DayData day, Meter meter) => meter.Source switch
    {
        MeterSource.Household => day.Households[meter.Index],
        MeterSource.Business => day.Businesses[meter.Index],
        _ => day.Generators[meter.Index],
    };

    private HashSet<(int, int, int)> ChooseBadReadings()
    {
        var active = _plan.Households.Where(h => h.Representative is null).Select(h => h.Index).ToArray();
        var chosen = new HashSet<(int, int, int)>();
        var random = DayRandom.For(unchecked((ulong)_scenario.Seed), SimulationStreams.BadReadings, 0);
        var wanted = Math.Min(_scenario.Faults.BadReadings, active.Length * _scenario.Days * 24);
        while (chosen.Count < wanted)
        {
            chosen.Add((active[random.NextInt(active.Length)], random.NextInt(_scenario.Days), random.NextInt(24)));
        }

        return chosen;
    }

    private string SenderFor(string player) =>
        _plan.Players.First(p => string.Equals(p.Id, player, StringComparison.Ordinal)).Representative ?? player;

    private int Add(string sender, TransactionType type, byte[] payload, string what, bool expectAccepted = true)
    {
        var tx = _client.Sign(PlayerId.Parse(sender), _keys.Get(sender), type, payload);
        _step.Add(new Step(tx.Bytes, what, expectAccepted));
        return _step.Count - 1;
    }

    /// <summary>Submits the step's transactions in order, seals them into blocks and checks every answer.</summary>
    private async Task<List<Submission>> FlushAsync(CancellationToken ct)
    {
        var steps = _step.ToArray();
        _step.Clear();
        var results = new List<Submission>(steps.Length);
        // Each part is queued whole before its seal request (a part never exceeds the node's queue), so the blocks
        // hold exactly the step's transactions in the step's order.
        foreach (var part in steps.Chunk(StepPart))
        {
            var submitted = _node.SubmitManyAsync([.. part.Select(s => s.Bytes)], ct);
            var sealed_ = await _node.SealAsync(ct).ConfigureAwait(false);
            results.AddRange(await submitted.ConfigureAwait(false));
            if (!sealed_.IsSuccess)
            {
                throw new SimulationException(sealed_.Error);
            }
        }

        _verifier?.Committed(_node.Chain.Head.Height);
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            if (result.Height >= 0)
            {
                _transactions++;
            }

            if (!result.IsAccepted)
            {
                _rejected++;
                if (steps[i].ExpectAccepted)
                {
                    throw new SimulationException(new Error(ScenarioErrors.Refused, $"The node refused a transaction ({steps[i].What}): {result.RejectionCode} {result.AdmissionError?.Message ?? string.Empty}"));
                }
            }
            else if (!steps[i].ExpectAccepted)
            {
                throw new SimulationException(new Error(ScenarioErrors.Refused, $"The node accepted a transaction it must refuse ({steps[i].What})."));
            }
        }

        return results;
    }

    private void Report(long intervals, string phase) =>
        _progress?.Report(new SimulationProgress(intervals, _scenario.Days * (long)_perDay, _clock?.GetUtcNow() ?? _startTime, phase));

    /// <summary>mWh per interval of a power in MW.</summary>
    private long PerInterval(double megawatts) => (long)Math.Round(megawatts * 1e9 * _scenario.IntervalMinutes / 60.0);

    /// <summary>µ/kWh of a price in €/MWh.</summary>
    private static long PerMwh(double eurPerMwh) => (long)Math.Round(eurPerMwh * 1_000);

    /// <summary>µ/kWh of a price in €/kWh.</summary>
    private static long PerKwh(double eurPerKwh) => (long)Math.Round(eurPerKwh * 1_000_000);

    private static int TechnologyCode(string technology) => technology switch
    {
        "nuclear" => 1,
        "hydro" => 2,
        "wind" => 3,
        "solar" => 4,
        "gas-ccgt" or "gas-ocgt" => 5,
        "coal" or "lignite" => 6,
        "oil" => 7,
        "biomass" => 8,
        _ => 0,
    };

    /// <summary>The System Operator's demand by UTC hour, 0 = night base, 1 = evening peak (a typical Central European workday shape).</summary>
    private static readonly double[] DemandShape = [0.08, 0.03, 0.0, 0.0, 0.05, 0.15, 0.38, 0.58, 0.68, 0.72, 0.74, 0.76, 0.75, 0.72, 0.68, 0.67, 0.72, 0.86, 1.0, 0.96, 0.82, 0.62, 0.40, 0.20];

    private enum MeterSource
    {
        Household,
        Business,
        Generator,
    }

    private sealed record Step(byte[] Bytes, string What, bool ExpectAccepted);

    private sealed record Meter(string Id, string Owner, string Sender, Ed25519Signer Signer, MeterSource Source, int Index, long LimitWatts);
}
