using System.Collections.Immutable;
using Flecs.Core.Identity;
using Flecs.Core.Time;
using Flecs.Core.Units;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Players;
using Flecs.Ledger.Transactions;
using Flecs.Market.Clearing;
using Flecs.Market.Interface;
using Flecs.Node.Clients;
using Flecs.Node.Hosting;
using Flecs.Node.Sequencing;
using Flecs.Settlement;
using Flecs.Settlement.Config;
using Flecs.Settlement.Meters;
using Flecs.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Flecs.Ingest.Tests;

/// <summary>
/// A chain with 1-minute intervals whose genesis is 2024-06-01T11:00Z, before the sample payloads' times, on a
/// simulated clock: the SA, a Market Operator, a DistCo, a TradCo, the AggCo <c>aggco</c> and its four passive
/// households h1–h4, settlement configured from 11:00, and one meter per sample device, each read through the
/// AggCo's gateway key: <c>m-plug</c> (h1, Tasmota), <c>m-sml</c> (h2, Tasmota SML), <c>m-pro3em</c> (h3, Shelly
/// Gen2) and <c>m-3em</c> (h4, Shelly Gen1). Keys: <c>keys/aggco.key</c>, <c>keys/tradco.key</c>, <c>keys/gw.key</c>.
/// </summary>
internal sealed class IngestChain : IAsyncDisposable
{
    public static readonly DateTimeOffset GenesisTime = new(2024, 6, 1, 11, 0, 0, TimeSpan.Zero);

    /// <summary>2024-06-01T12:00Z, the time of the sample payloads.</summary>
    public static readonly DateTimeOffset Noon = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly long NoonInterval = Noon.ToUnixTimeSeconds() / 60;

    public static readonly long Start = GenesisTime.ToUnixTimeSeconds() / 60;

    public static readonly (string Meter, string Owner)[] Meters = [("m-plug", "h1"), ("m-sml", "h2"), ("m-pro3em", "h3"), ("m-3em", "h4")];

    private IngestChain(string root, SimulationClock clock, EmbeddedNode node)
    {
        Root = root;
        Clock = clock;
        Node = node;
        Client = new LedgerClient(node);
    }

    public string Root { get; }

    public SimulationClock Clock { get; }

    public EmbeddedNode Node { get; }

    public LedgerClient Client { get; }

    public static Ed25519Signer Gateway { get; } = TestKeys.ForName("gateway:mqtt");

    public static async Task<IngestChain> CreateAsync(CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("flecs-ingest-").FullName;
        var data = new DataDirectory(root);
        var genesis = data.Initialize("flecs-ingest-test", IntervalLength.FromMinutes(1), 1, new FakeTimeProvider(GenesisTime));
        Assert.True(genesis.IsSuccess, genesis.Error?.ToString());
        KeyFile.Write(Path.Combine(data.KeysPath, "gw.key"), Gateway);
        var clock = new SimulationClock(GenesisTime.AddSeconds(30));
        var node = EmbeddedNode.Open(new NodeOptions { DataDirectory = root, MaxBlockDelay = TimeSpan.FromMilliseconds(2) }, clock);
        Assert.True(node.IsSuccess, node.Error?.ToString());
        var chain = new IngestChain(root, clock, node.Value);
        var sa = new TestPlayer(PlayerId.Parse("sa"), KeyFile.Read(data.KeyPath(PlayerId.Parse("sa"))).Value);
        foreach (var (id, role) in new[] { ("mo", PlayerRole.MarketOperator), ("distco", PlayerRole.DistributionCompany), ("tradco", PlayerRole.TradingCompany), ("aggco", PlayerRole.Aggregator) })
        {
            var player = TestPlayer.Named(id);
            KeyFile.Write(data.KeyPath(player.Id), player.Signer);
            await ExpectAsync(() => chain.Client.RegisterActiveAsync(sa.Id, sa.Signer, player.Id, role, player.PublicKey, cancellationToken));
            await ExpectAsync(() => chain.Client.ActOnAsync(sa.Id, sa.Signer, TransactionType.AuthorizePlayer, player.Id, "ingest test", cancellationToken));
        }

        var aggco = TestPlayer.Named("aggco");
        foreach (var (_, owner) in Meters)
        {
            await ExpectAsync(() => chain.Client.RegisterPassiveAsync(aggco.Id, aggco.Signer, PlayerId.Parse(owner), PlayerRole.Prosumer, aggco.Id, cancellationToken));
            await ExpectAsync(() => chain.Client.ActOnAsync(sa.Id, sa.Signer, TransactionType.AuthorizePlayer, PlayerId.Parse(owner), "ingest test", cancellationToken));
        }

        var distco = PlayerId.Parse("distco");
        var config = new SettlementConfig(
            Start,
            ClearingMechanism.PayAsClear,
            new EnergyPrice(70_000),
            new EnergyPrice(4_000_000),
            new EnergyPrice(50_000),
            new EnergyPrice(10_000),
            [new GridFee(GridLevel.Transmission, new EnergyPrice(10_000), EnergyPrice.Zero), new GridFee(GridLevel.MediumVoltage, new EnergyPrice(30_000), EnergyPrice.Zero), new GridFee(GridLevel.LowVoltage, new EnergyPrice(80_000), EnergyPrice.Zero)],
            PlayerId.Parse("tradco"),
            ImmutableSortedDictionary.CreateRange([KeyValuePair.Create(GridLevel.Transmission, distco), KeyValuePair.Create(GridLevel.MediumVoltage, distco), KeyValuePair.Create(GridLevel.LowVoltage, distco)]),
            PlayerId.Parse("mo"),
            60,
            BillingDays: 1);
        await ExpectAsync(() => chain.Client.SendAsync(sa.Id, sa.Signer, SettlementTransactionTypes.ConfigureSettlement, config.Encode(), cancellationToken));
        foreach (var (meter, owner) in Meters)
        {
            var record = new MeterRecord(meter, PlayerId.Parse(owner), Gateway.PublicKey, "zone-a", GridLevel.LowVoltage, MeterKind.Bidirectional, false, 100_000, Start);
            await ExpectAsync(() => chain.Client.SendAsync(aggco.Id, aggco.Signer, SettlementTransactionTypes.RegisterMeter, record.Encode(), cancellationToken));
        }

        return chain;
    }

    /// <summary>The pending (not yet closed) readings of a meter on the ledger, by interval.</summary>
    public IReadOnlyDictionary<long, MeterReadingValue> Pending(string meter) =>
        Node.Chain.State.TryGet(MeterLog.StateKey(meter), out var bytes) ? MeterLog.Decode(bytes).Pending : new Dictionary<long, MeterReadingValue>();

    /// <summary>An ingest configuration for the four meters, sent by <paramref name="sender"/>.</summary>
    public static string Config(string broker, string sender = "aggco", int flushSeconds = 3_600) => $$"""
        {
          "broker": "{{broker}}",
          "clientId": "flecs-ingest-test",
          "sender": "{{sender}}",
          "senderKey": "keys/{{sender}}.key",
          "gatewayKey": "keys/gw.key",
          "timeZone": "UTC",
          "flushSeconds": {{flushSeconds}},
          "meters": [
            { "meter": "m-plug", "topic": "tele/plug-kitchen/SENSOR", "format": "tasmota" },
            { "meter": "m-sml", "topic": "tele/smartmeter/SENSOR", "format": "tasmota-sml" },
            { "meter": "m-pro3em", "topic": "shellypro3em-a0b1c2d3e4f5/status/emdata:0", "format": "shelly-gen2" },
            { "meter": "m-3em", "topic": "shellies/shellyem3-ECFABC123456/emeter/0", "format": "shelly-gen1" }
          ]
        }
        """;

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere: the OS temp cleaner removes what is left.
        }
    }

    private static async Task ExpectAsync(Func<Task<Submission>> submit)
    {
        var result = await submit();
        Assert.True(result.IsAccepted, $"Rejected: {result.RejectionCode} {result.AdmissionError}");
    }
}
