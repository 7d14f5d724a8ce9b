using System.Collections.Immutable;
using Flecs.Contracts.Library;
using Flecs.Contracts.Lifecycle;
using Flecs.Contracts.Values;
using Flecs.Core.Identity;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Players;
using Flecs.Ledger.Transactions;
using Flecs.Market.Clearing;
using Flecs.Market.Interface;
using Flecs.Core.Units;
using Flecs.Node.Clients;
using Flecs.Node.Hosting;
using Flecs.Node.Sequencing;
using Flecs.Settlement.Close;
using Flecs.Settlement.Config;
using Flecs.Settlement.Meters;
using Flecs.Settlement.Orders;
using Flecs.Testing;
using Flecs.Testing.Hosting;

namespace Flecs.Settlement.Tests;

/// <summary>
/// A community on a real embedded node with 1-minute intervals and a simulated clock: the SA, a Market Operator,
/// a System Operator, a DistCo and a TransCo, a TradCo (the retailer), an AggCo with three passive households,
/// five active prosumers and three GenCos (wind, solar, gas). Settlement starts at 2026-01-02T00:00Z with daily billing.
/// </summary>
internal sealed class Community : IAsyncDisposable
{
    /// <summary>2026-01-02T00:00Z in 1-minute intervals.</summary>
    public const long Start = 1_767_312_000 / 60;

    public static readonly string[] Prosumers = ["p1", "p2", "p3", "p4", "p5"];
    public static readonly string[] Households = ["h1", "h2", "h3"];

    private readonly Dictionary<string, TestPlayer> _players = new(StringComparer.Ordinal);

    private Community(TempDataDirectory directory, SimulationClock clock, EmbeddedNode node)
    {
        Directory = directory;
        Clock = clock;
        Node = node;
        Client = new LedgerClient(node);
        _players["sa"] = directory.Sa;
    }

    public TempDataDirectory Directory { get; }

    public SimulationClock Clock { get; }

    public EmbeddedNode Node { get; private set; }

    public LedgerClient Client { get; private set; }

    /// <summary>Contract ids by name: <c>p2p</c> (p1 → p2), <c>ppa</c> (wind → tradco), <c>household</c> (p3 → h1).</summary>
    public Dictionary<string, Hash256> Contracts { get; } = new(StringComparer.Ordinal);

    public TestPlayer this[string id] => _players[id];

    public static Ed25519Signer MeterKey(string meter) => TestKeys.ForName("meter:" + meter);

    /// <summary>The AggCo's gateway, which reads and signs for its customers' meters.</summary>
    public static Ed25519Signer Gateway => TestKeys.ForName("gateway:aggco");

    public static string MeterOf(string player) => "m-" + player;

    public static SettlementConfig Config(long lateWindow = 2_880) => new(
        Start,
        ClearingMechanism.PayAsClear,
        new EnergyPrice(70_000),
        new EnergyPrice(4_000_000),
        new EnergyPrice(50_000),
        new EnergyPrice(10_000),
        [new GridFee(GridLevel.Transmission, new EnergyPrice(10_000), new EnergyPrice(2_000)), new GridFee(GridLevel.MediumVoltage, new EnergyPrice(30_000), new EnergyPrice(1_000)), new GridFee(GridLevel.LowVoltage, new EnergyPrice(80_000), EnergyPrice.Zero)],
        PlayerId.Parse("tradco"),
        ImmutableSortedDictionary.CreateRange([KeyValuePair.Create(GridLevel.Transmission, PlayerId.Parse("transco")), KeyValuePair.Create(GridLevel.MediumVoltage, PlayerId.Parse("distco")), KeyValuePair.Create(GridLevel.LowVoltage, PlayerId.Parse("distco"))]),
        PlayerId.Parse("mo"),
        lateWindow,
        BillingDays: 1);

    /// <summary>Opens the node and registers and authorizes every player (clock at genesis + 1 minute).</summary>
    public static async Task<Community> CreateAsync(CancellationToken cancellationToken)
    {
        var directory = TempDataDirectory.Create(intervalMinutes: 1);
        var clock = new SimulationClock(TempDataDirectory.GenesisTime + TimeSpan.FromMinutes(1));
        var community = new Community(directory, clock, directory.OpenNode(clock));
        var active = new (string Id, PlayerRole Role)[]
        {
            ("mo", PlayerRole.MarketOperator), ("so", PlayerRole.SystemOperator), ("distco", PlayerRole.DistributionCompany),
            ("transco", PlayerRole.TransmissionCompany), ("tradco", PlayerRole.TradingCompany), ("aggco", PlayerRole.Aggregator),
            ("p1", PlayerRole.Prosumer), ("p2", PlayerRole.Prosumer), ("p3", PlayerRole.Prosumer), ("p4", PlayerRole.Prosumer), ("p5", PlayerRole.Prosumer),
            ("wind", PlayerRole.GenerationCompany), ("solar", PlayerRole.GenerationCompany), ("gas", PlayerRole.GenerationCompany),
        };
        var sa = community["sa"];
        foreach (var (id, role) in active)
        {
            var player = TestPlayer.Named(id);
            community._players[id] = player;
            await ExpectAsync(() => community.Client.RegisterActiveAsync(sa.Id, sa.Signer, player.Id, role, player.PublicKey, cancellationToken));
            await ExpectAsync(() => community.Client.ActOnAsync(sa.Id, sa.Signer, TransactionType.AuthorizePlayer, player.Id, "community", cancellationToken));
        }

        var aggco = community["aggco"];
        foreach (var id in Households)
        {
            await ExpectAsync(() => community.Client.RegisterPassiveAsync(aggco.Id, aggco.Signer, PlayerId.Parse(id), PlayerRole.Prosumer, aggco.Id, cancellationToken));
            await ExpectAsync(() => community.Client.ActOnAsync(sa.Id, sa.Signer, TransactionType.AuthorizePlayer, PlayerId.Parse(id), "community", cancellationToken));
        }

        return community;
    }

    public static async Task ExpectAsync(Func<Task<Submission>> submit)
    {
        var result = await submit();
        Assert.True(result.IsAccepted, $"Rejected: {result.RejectionCode} {result.AdmissionError}");
    }

    public Task<Submission> SendAsync(string sender, TransactionType type, byte[] payload, CancellationToken cancellationToken) =>
        Client.SendAsync(this[sender].Id, this[sender].Signer, type, payload, cancellationToken);

    public Task<Submission> ConfigureAsync(SettlementConfig config, CancellationToken cancellationToken) =>
        SendAsync("sa", SettlementTransactionTypes.ConfigureSettlement, config.Encode(), cancellationToken);

    public Task<Submission> RegisterMeterAsync(string sender, string owner, MeterKind kind, GridLevel level, bool renewable, long maxWatts, Ed25519PublicKey key, CancellationToken cancellationToken, string? id = null) =>
        SendAsync(sender, SettlementTransactionTypes.RegisterMeter, new MeterRecord(id ?? MeterOf(owner), PlayerId.Parse(owner), key, "zone-a", level, kind, renewable, maxWatts, Start).Encode(), cancellationToken);

    /// <summary>Registers every meter: prosumers' own (bidirectional, 10 kW), households' via the AggCo's gateway, wind and solar (transmission, renewable).</summary>
    public async Task RegisterMetersAsync(CancellationToken cancellationToken)
    {
        foreach (var id in Prosumers)
        {
            await ExpectAsync(() => RegisterMeterAsync(id, id, MeterKind.Bidirectional, GridLevel.LowVoltage, false, 10_000, MeterKey(MeterOf(id)).PublicKey, cancellationToken));
        }

        foreach (var id in Households)
        {
            await ExpectAsync(() => RegisterMeterAsync("aggco", id, MeterKind.Consumption, GridLevel.LowVoltage, false, 10_000, Gateway.PublicKey, cancellationToken));
        }

        foreach (var id in new[] { "wind", "solar" })
        {
            await ExpectAsync(() => RegisterMeterAsync(id, id, MeterKind.Production, GridLevel.Transmission, true, 10_000_000, MeterKey(MeterOf(id)).PublicKey, cancellationToken));
        }
    }

    /// <summary>Certifies p2p-fixed and physical-ppa and makes the three contracts live for two days from <see cref="Start"/>.</summary>
    public async Task MakeContractsAsync(CancellationToken cancellationToken)
    {
        foreach (var (kind, parameters) in new[] { ("p2p-fixed", """{ "price": 120000 }"""), ("physical-ppa", PpaParameters) })
        {
            var source = StandardLibrary.Get(kind).Source;
            var analyzed = Flecs.Contracts.Templates.TemplateAnalyzer.Analyze(source);
            var sample = ContractValue.Map(("params", Json(parameters)), ("inputs", Flecs.Contracts.Templates.DryRunSample.For(analyzed.Value.Meta)["inputs"]!));
            await ExpectAsync(() => SendAsync("sa", ContractTransactionTypes.CertifyTemplate, new CertifyTemplatePayload(source, [sample]).Encode(), cancellationToken));
        }

        Contracts["p2p"] = await ContractAsync("p1", "p2", "p2p-fixed", """{ "price": 120000 }""", ("seller", "p1"), ("buyer", "p2"));
        Contracts["ppa"] = await ContractAsync("wind", "tradco", "physical-ppa", PpaParameters, ("generator", "wind"), ("offtaker", "tradco"));
        Contracts["household"] = await ContractAsync("p3", "aggco", "p2p-fixed", """{ "price": 100000 }""", ("seller", "p3"), ("buyer", "h1"));

        async Task<Hash256> ContractAsync(string proposer, string acceptor, string kind, string parameters, params (string Role, string Player)[] parties)
        {
            var payload = new ProposeContractPayload(
                StandardLibrary.Get(kind).Hash,
                Json(parameters),
                parties.ToImmutableSortedDictionary(p => p.Role, p => PlayerId.Parse(p.Player), StringComparer.Ordinal),
                Start,
                Start + (2 * 1_440)).Encode();
            var proposal = await SendAsync(proposer, ContractTransactionTypes.ProposeContract, payload, cancellationToken);
            Assert.True(proposal.IsAccepted, proposal.RejectionCode);
            await ExpectAsync(() => SendAsync(acceptor, ContractTransactionTypes.AcceptContract, new ContractActionPayload(proposal.TransactionId, proposal.TransactionId, ContractValue.Null, 0, string.Empty).Encode(), cancellationToken));
            return proposal.TransactionId;
        }
    }

    public const string PpaParameters = """{ "price": 50000, "profile": [2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000, 2000000] }""";

    public Task<Submission> OrdersAsync(string sender, MarketKind market, string player, IEnumerable<OrderRequest> orders, CancellationToken cancellationToken) =>
        SendAsync(sender, SettlementTransactionTypes.SubmitOrders, new OrdersPayload((int)market, PlayerId.Parse(player), [.. orders]).Encode(), cancellationToken);

    /// <summary>
    /// Standing orders for the two days: MPM offers (wind 3 kWh at 0, solar 2 kWh at 0.02, gas 100 kWh at 0.09), the System
    /// Operator's hourly inelastic demand <see cref="Model.Demand"/>, and in the SPM p4's bid 0.5 kWh at 0.15 and p3's offer 0.3 kWh at 0.08.
    /// </summary>
    public async Task PlaceOrdersAsync(long hours, CancellationToken cancellationToken)
    {
        var intervals = hours * 60;
        await ExpectAsync(() => OrdersAsync("wind", MarketKind.Mpm, "wind", [new OrderRequest(2, Start, intervals, 3_000_000, 0, 3)], cancellationToken));
        await ExpectAsync(() => OrdersAsync("solar", MarketKind.Mpm, "solar", [new OrderRequest(2, Start, intervals, 2_000_000, 20_000, 4)], cancellationToken));
        await ExpectAsync(() => OrdersAsync("gas", MarketKind.Mpm, "gas", [new OrderRequest(2, Start, intervals, 100_000_000, 90_000, 5)], cancellationToken));
        var demand = Enumerable.Range(0, (int)hours).Select(h => new OrderRequest(1, Start + (h * 60L), 60, Model.Demand(h), null, 0));
        await ExpectAsync(() => OrdersAsync("so", MarketKind.Mpm, "so", demand, cancellationToken));
        await ExpectAsync(() => OrdersAsync("p4", MarketKind.Spm, "p4", [new OrderRequest(1, Start, intervals, 500_000, 150_000, 0)], cancellationToken));
        await ExpectAsync(() => OrdersAsync("p3", MarketKind.Spm, "p3", [new OrderRequest(2, Start, intervals, 300_000, 80_000, 0)], cancellationToken));
    }

    /// <summary>A signed batch of <paramref name="meter"/>'s model readings for [first, first + count).</summary>
    public ReadingBatch Batch(string meter, long first, int count, Ed25519Signer key) =>
        ReadingBatch.Create(Node.Genesis.ChainId, meter, first, [.. Enumerable.Range(0, count).Select(i => Model.Reading(meter, first + i))], key);

    public Task<Submission> ReadingsAsync(string sender, IEnumerable<ReadingBatch> batches, CancellationToken cancellationToken) =>
        SendAsync(sender, SettlementTransactionTypes.SubmitReadings, new ReadingsPayload([.. batches]).Encode(), cancellationToken);

    /// <summary>Moves the clock to 10 s after <paramref name="interval"/> ends.</summary>
    public void AfterEndOf(long interval) => Clock.Set(DateTimeOffset.FromUnixTimeSeconds(((interval + 1) * 60) + 10));

    public Task<Submission> CloseAsync(long through, CancellationToken cancellationToken) =>
        SendAsync("mo", SettlementTransactionTypes.CloseIntervals, new ClosePayload(through).Encode(), cancellationToken);

    /// <summary>Submits one hour of every meter's readings (each prosumer and GenCo its own; the AggCo relays its households in one transaction), skipping <paramref name="skip"/>.</summary>
    public async Task SubmitHourAsync(int hour, (string Meter, long Interval)? skip, CancellationToken cancellationToken)
    {
        var first = Start + (hour * 60L);
        foreach (var id in Prosumers.Concat(["wind", "solar"]))
        {
            var meter = MeterOf(id);
            var batches = skip is { } s && s.Meter == meter && s.Interval >= first && s.Interval < first + 60
                ? new[] { Batch(meter, first, (int)(s.Interval - first), MeterKey(meter)), Batch(meter, s.Interval + 1, (int)(first + 59 - s.Interval), MeterKey(meter)) }.Where(b => b.Count > 0)
                : [Batch(meter, first, 60, MeterKey(meter))];
            await ExpectAsync(() => ReadingsAsync(id, batches, cancellationToken));
        }

        await ExpectAsync(() => ReadingsAsync("aggco", Households.Select(h => Batch(MeterOf(h), first, 60, Gateway)), cancellationToken));
    }

    public Invoice? Invoice(string account, long period) =>
        Node.Chain.State.TryGet(Close.Invoice.StateKey(account, period), out var bytes) ? Close.Invoice.Decode(bytes) : null;

    public static ContractValue Json(string json) => ContractValue.ParseJson(json).Value;

    /// <summary>Stops the node, replays the whole chain with a fresh verifier (re-executing every close), and reopens the node.</summary>
    public async Task<Flecs.Ledger.Verification.VerificationReport> RestartAndVerifyAsync()
    {
        await Node.DisposeAsync();
        Flecs.Ledger.Verification.VerificationReport report;
        using (var store = Directory.OpenStore())
        {
            report = Flecs.Ledger.Verification.LedgerVerifier.Verify(store, new Ed25519SignatureVerifier(), StandardModules.Executors());
        }

        Node = Directory.OpenNode(Clock);
        Client = new LedgerClient(Node);
        return report;
    }

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        Directory.Dispose();
    }
}
