using System.Text;
using Flecs.Ingest.Configuration;
using Flecs.Settlement.Meters;
using Microsoft.Extensions.Logging;

namespace Flecs.Ingest.Tests;

public sealed class MqttIngestTests
{
    private const string Plug = "tele/plug-kitchen/SENSOR";
    private const string Sml = "tele/smartmeter/SENSOR";
    private const string ProStatus = "shellypro3em-a0b1c2d3e4f5/status/emdata:0";
    private const string ProRpc = "shellypro3em-a0b1c2d3e4f5/events/rpc";
    private const string Gen1 = "shellies/shellyem3-ECFABC123456/emeter/0";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Ingest_SamplePayloadsFromMosquittoPub_BecomeReadingsOnTheLedger()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var chain = await IngestChain.CreateAsync(ct);
        var port = Mosquitto.FreePort();
        var logger = new ListLogger<MqttIngest>();
        var config = IngestConfig.Parse(IngestChain.Config($"mqtt://127.0.0.1:{port}")).Value;
        await using var ingest = MqttIngest.Create(config, chain.Node, chain.Root, chain.Clock, logger).Value;
        await ingest.StartAsync(ct);
        await logger.WaitForAsync("cannot connect", ct).WaitAsync(Patience, ct);
        await using var broker = await Mosquitto.StartAsync(port, ct);
        await ingest.WaitUntilSubscribedAsync(ct).WaitAsync(Patience, ct);
        var published = 0L;

        chain.Clock.Set(IngestChain.Noon);
        await PublishAsync(
            (Plug, Sample("tasmota", 0)),
            (Sml, Sample("tasmota", 1)),
            (ProStatus, Sample("shelly_gen2_plus_pro3em", 1)),
            (ProRpc, Sample("shelly_gen2_plus_pro3em", 2)),
            (Gen1 + "/total", Sample("shelly_gen1_3em", 2)),
            (Gen1 + "/total_returned", Sample("shelly_gen1_3em", 3)));
        chain.Clock.Set(IngestChain.Noon.AddMinutes(1));
        await PublishAsync(
            (Plug, """{"Time":"2024-06-01T12:01:30","ENERGY":{"Total":514.163,"Power":400}}"""),
            (Plug, "garbage"),
            (Plug, """{"Time":"2024-06-01T12:01:40","ENERGY":{"Total":"oops"}}"""),
            (Sml, """{"Time":"2024-06-01T12:01:10","SML":{"Total_in":12345.778,"Total_out":6789.012,"Power_curr":6000}}"""),
            (ProRpc, """{"src":"shellypro3em-a0b1c2d3e4f5","dst":"shellypro3em-a0b1c2d3e4f5/events","method":"NotifyStatus","params":{"ts":1717243260.00,"emdata:0":{"id":0,"total_act":264839.22,"total_act_ret":46702.4}}}"""),
            (Gen1 + "/total", "120365.7"),
            (Gen1 + "/total_returned", "1023.5"));
        var firstFlush = await ingest.FlushAsync(ct);
        chain.Clock.Set(IngestChain.Noon.AddMinutes(2));
        await PublishAsync(
            (Plug, """{"Time":"2024-06-01T12:02:00","ENERGY":{"Total":514.170}}"""),
            (Sml, """{"Time":"2024-06-01T12:02:10","SML":{"Total_in":12345.838,"Total_out":6789.042}}"""),
            (ProStatus, """{"id":0,"total_act":264869.22,"total_act_ret":46712.4}"""),
            (Gen1 + "/total", "120375.7"),
            (Gen1 + "/total_returned", "1028.5"));
        chain.Clock.Set(IngestChain.Noon.AddMinutes(3).AddSeconds(10));
        await PublishAsync(
            (Plug, """{"Time":"2024-06-01T12:03:00","ENERGY":{"Total":514.170}}"""),
            (Sml, """{"Time":"2024-06-01T12:03:10","SML":{"Total_in":12345.838,"Total_out":6789.042}}"""));
        chain.Clock.Set(IngestChain.Noon.AddMinutes(5));
        await ingest.StopAsync(ct);

        var noon = IngestChain.NoonInterval;
        Assert.Equal(3, firstFlush);
        AssertPending(chain, "m-plug", (noon, 6_667, 0), (noon + 1, 10_333, 0), (noon + 2, 0, 0));
        AssertPending(chain, "m-sml", (noon + 1, 66_667, 25_000), (noon + 2, 10_000, 5_000));
        AssertPending(chain, "m-pro3em", (noon, 50_000, 0), (noon + 1, 30_000, 10_000));
        AssertPending(chain, "m-3em", (noon, 20_000, 0), (noon + 1, 10_000, 5_000));
        var counters = ingest.Counters;
        Assert.Equal(20, counters.Messages);
        Assert.Equal(1, counters.IgnoredMessages);
        Assert.Equal(17, counters.Samples);
        Assert.Equal(2, counters.BadPayloads);
        Assert.Equal(1, counters.ErrorsByCode[IngestErrors.PayloadNotJson]);
        Assert.Equal(1, counters.ErrorsByCode[IngestErrors.PayloadBadNumber]);
        Assert.Equal(9, counters.ReadingsAccepted);
        Assert.Equal(2, counters.TransactionsAccepted);
        Assert.Equal(0, counters.TransactionsRejected);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(Plug, StringComparison.Ordinal) && e.Message.Contains(IngestErrors.PayloadNotJson, StringComparison.Ordinal));
        Assert.Equal(1, counters.Connections);

        async Task PublishAsync(params (string Topic, string Payload)[] messages)
        {
            foreach (var (topic, payload) in messages)
            {
                await broker.PublishAsync(topic, payload, ct);
            }

            published += messages.Length;
            await ingest.WaitForMessagesAsync(published, ct).WaitAsync(Patience, ct);
        }
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Ingest_BrokerRestarts_ReconnectsAndSubscribesAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var chain = await IngestChain.CreateAsync(ct);
        var port = Mosquitto.FreePort();
        var logger = new ListLogger<MqttIngest>();
        await using var ingest = MqttIngest.Create(IngestConfig.Parse(IngestChain.Config($"mqtt://127.0.0.1:{port}")).Value, chain.Node, chain.Root, chain.Clock, logger).Value;
        await using (var first = await Mosquitto.StartAsync(port, ct))
        {
            await ingest.StartAsync(ct);
            await ingest.WaitUntilSubscribedAsync(ct).WaitAsync(Patience, ct);
        }

        await logger.WaitForAsync("disconnected", ct).WaitAsync(Patience, ct);
        await using var second = await Mosquitto.StartAsync(port, ct);
        await ingest.WaitUntilSubscribedAsync(ct).WaitAsync(Patience, ct);
        await second.PublishAsync(Gen1 + "/total", "120345.7", ct);
        await ingest.WaitForMessagesAsync(1, ct).WaitAsync(Patience, ct);

        Assert.Equal(2, ingest.Counters.Connections);
        Assert.Equal(1, ingest.Counters.Samples);
    }

    [Fact]
    public async Task Handle_TopicNoMeterReads_IsCountedAndLoggedAndIngestGoesOn()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var chain = await IngestChain.CreateAsync(ct);
        var logger = new ListLogger<MqttIngest>();
        await using var ingest = MqttIngest.Create(IngestConfig.Parse(IngestChain.Config("mqtt://127.0.0.1:1")).Value, chain.Node, chain.Root, chain.Clock, logger).Value;

        ingest.Handle("tele/unknown/SENSOR", Encoding.UTF8.GetBytes("{}"));
        ingest.Handle(Gen1 + "/total", Encoding.UTF8.GetBytes("5"));

        var counters = ingest.Counters;
        Assert.Equal(2, counters.Messages);
        Assert.Equal(1, counters.Samples);
        Assert.Equal(1, counters.ErrorsByCode[IngestErrors.TopicUnknown]);
        Assert.Contains(logger.Entries, e => e.Message.Contains("tele/unknown/SENSOR", StringComparison.Ordinal) && e.Message.Contains(IngestErrors.TopicUnknown, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Flush_SenderMayNotRelay_SplitsTheTransactionAndCountsEachRejection()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var chain = await IngestChain.CreateAsync(ct);
        var logger = new ListLogger<MqttIngest>();
        await using var ingest = MqttIngest.Create(IngestConfig.Parse(IngestChain.Config("mqtt://127.0.0.1:1", sender: "tradco")).Value, chain.Node, chain.Root, chain.Clock, logger).Value;
        chain.Clock.Set(IngestChain.Noon);
        ingest.Handle(Gen1 + "/total", Encoding.UTF8.GetBytes("1000"));
        ingest.Handle(ProStatus, Encoding.UTF8.GetBytes("""{"total_act":1000}"""));
        chain.Clock.Set(IngestChain.Noon.AddMinutes(1));
        ingest.Handle(Gen1 + "/total", Encoding.UTF8.GetBytes("1001"));
        ingest.Handle(ProStatus, Encoding.UTF8.GetBytes("""{"total_act":1002}"""));

        var accepted = await ingest.FlushAsync(ct);

        var counters = ingest.Counters;
        Assert.Equal(0, accepted);
        Assert.Equal(3, counters.TransactionsRejected);
        Assert.Equal(3, counters.RejectionsByCode["settlement.not-permitted"]);
        Assert.Empty(chain.Pending("m-3em"));
        Assert.Equal(2, logger.Entries.Count(e => e.Message.Contains("settlement.not-permitted", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Flush_IntervalNotEndedOnTheClock_WaitsForTheNextFlush()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var chain = await IngestChain.CreateAsync(ct);
        await using var ingest = MqttIngest.Create(IngestConfig.Parse(IngestChain.Config("mqtt://127.0.0.1:1")).Value, chain.Node, chain.Root, chain.Clock, new ListLogger<MqttIngest>()).Value;
        chain.Clock.Set(IngestChain.Noon);
        ingest.Handle(Plug, """{"Time":"2024-06-01T12:00:00","ENERGY":{"Total":1}}"""u8.ToArray());
        ingest.Handle(Plug, """{"Time":"2024-06-01T12:02:00","ENERGY":{"Total":1.5}}"""u8.ToArray());
        chain.Clock.Set(IngestChain.Noon.AddSeconds(90));

        var early = await ingest.FlushAsync(ct);
        chain.Clock.Set(IngestChain.Noon.AddMinutes(2));
        var late = await ingest.FlushAsync(ct);

        Assert.Equal(1, early);
        Assert.Equal(1, late);
        Assert.Equal([new MeterReadingValue(250_000, 0), new MeterReadingValue(250_000, 0)], chain.Pending("m-plug").Values);
    }

    [Fact]
    public async Task Create_GatewayKeyIsNotTheRegisteredSigner_IsWrongKey()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var chain = await IngestChain.CreateAsync(ct);
        var config = IngestConfig.Parse(IngestChain.Config("mqtt://127.0.0.1:1")).Value with { GatewayKey = "keys/aggco.key" };

        var created = MqttIngest.Create(config, chain.Node, chain.Root, chain.Clock, new ListLogger<MqttIngest>());

        Assert.Equal(IngestErrors.ConfigWrongKey, created.Error?.Code);
    }

    [Fact]
    public async Task Create_MissingKeyFile_ReturnsTheKeyFileError()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var chain = await IngestChain.CreateAsync(ct);
        var config = IngestConfig.Parse(IngestChain.Config("mqtt://127.0.0.1:1")).Value with { SenderKey = "keys/nobody.key" };

        var created = MqttIngest.Create(config, chain.Node, chain.Root, chain.Clock, new ListLogger<MqttIngest>());

        Assert.Equal("crypto.key.not-found", created.Error?.Code);
    }

    private static string Sample(string section, int index) => SampleMessages.Get(section, index).PayloadText;

    private static void AssertPending(IngestChain chain, string meter, params (long Interval, long Import, long Export)[] expected)
    {
        var pending = chain.Pending(meter);
        Assert.Equal(expected.Select(e => (e.Interval, new MeterReadingValue(e.Import, e.Export))), pending.Select(p => (p.Key, p.Value)));
    }
}
