using System.Text;
using Flecs.Ingest.Payloads;

namespace Flecs.Ingest.Tests.Payloads;

public sealed class MeterPayloadFormatTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>Every example of the sample file: the format and topic a meter reading it is configured with, and the sample it gives (null: ignored).</summary>
    public static TheoryData<string, int, string, string, string?, long?, long?> Examples => new()
    {
        { "tasmota", 0, MeterPayloadFormat.Tasmota, "tele/plug-kitchen/SENSOR", "2024-06-01T12:00:00Z", 514_153_000, null },
        { "tasmota", 1, MeterPayloadFormat.TasmotaSml, "tele/smartmeter/SENSOR", "2024-06-01T12:00:10Z", 12_345_678_000, 6_789_012_000 },
        { "tasmota", 2, MeterPayloadFormat.Tasmota, "tele/plug-kitchen/SENSOR", null, null, null },
        { "shelly_gen2_plus_pro3em", 0, MeterPayloadFormat.ShellyGen2, "shellypro3em-a0b1c2d3e4f5/status/emdata:0", null, null, null },
        { "shelly_gen2_plus_pro3em", 1, MeterPayloadFormat.ShellyGen2, "shellypro3em-a0b1c2d3e4f5/status/emdata:0", "none", 264_789_220, 46_702_400 },
        { "shelly_gen2_plus_pro3em", 2, MeterPayloadFormat.ShellyGen2, "shellypro3em-a0b1c2d3e4f5/status/emdata:0", null, null, null },
        { "shelly_gen2_plus_pro3em", 3, MeterPayloadFormat.ShellyGen2, "shellyproem50-08f9e0e67204/status/em1data:1", null, null, null },
        { "shelly_gen1_3em", 0, MeterPayloadFormat.ShellyGen1, "shellies/shellyem3-ECFABC123456/emeter/0", null, null, null },
        { "shelly_gen1_3em", 1, MeterPayloadFormat.ShellyGen1, "shellies/shellyem3-ECFABC123456/emeter/0", null, null, null },
        { "shelly_gen1_3em", 2, MeterPayloadFormat.ShellyGen1, "shellies/shellyem3-ECFABC123456/emeter/0", "none", 120_345_700, null },
        { "shelly_gen1_3em", 3, MeterPayloadFormat.ShellyGen1, "shellies/shellyem3-ECFABC123456/emeter/0", "none", null, 1_023_500 },
        { "shelly_gen1_3em", 4, MeterPayloadFormat.ShellyGen1, "shellies/shellyem3-ECFABC123456/emeter/0", null, null, null },
    };

    /// <summary>Bad payloads: format, configured topic, message topic, payload, the code.</summary>
    public static TheoryData<string, string, string, string, string> BadPayloads => new()
    {
        { MeterPayloadFormat.Tasmota, "tele/p/SENSOR", "tele/p/SENSOR", "Online", IngestErrors.PayloadNotJson },
        { MeterPayloadFormat.Tasmota, "tele/p/SENSOR", "tele/p/SENSOR", """{"ENERGY":{"Total":1}""", IngestErrors.PayloadNotJson },
        { MeterPayloadFormat.Tasmota, "tele/p/SENSOR", "tele/p/SENSOR", "[1, 2]", IngestErrors.PayloadNotJson },
        { MeterPayloadFormat.Tasmota, "tele/p/SENSOR", "tele/p/SENSOR", """{"Time":"2024-06-01T12:00:00"}""", IngestErrors.PayloadNoEnergy },
        { MeterPayloadFormat.Tasmota, "tele/p/SENSOR", "tele/p/SENSOR", """{"ENERGY":{"Power":56}}""", IngestErrors.PayloadNoEnergy },
        { MeterPayloadFormat.Tasmota, "tele/p/SENSOR", "tele/p/SENSOR", """{"ENERGY":{"Total":-0.5}}""", IngestErrors.PayloadNegative },
        { MeterPayloadFormat.Tasmota, "tele/p/SENSOR", "tele/p/SENSOR", """{"ENERGY":{"Total":1,"TotalReturned":-2}}""", IngestErrors.PayloadNegative },
        { MeterPayloadFormat.Tasmota, "tele/p/SENSOR", "tele/p/SENSOR", """{"ENERGY":{"Total":"514.1"}}""", IngestErrors.PayloadBadNumber },
        { MeterPayloadFormat.Tasmota, "tele/p/SENSOR", "tele/p/SENSOR", """{"ENERGY":{"Total":1e400}}""", IngestErrors.PayloadBadNumber },
        { MeterPayloadFormat.Tasmota, "tele/p/SENSOR", "tele/p/SENSOR", """{"ENERGY":{"Total":99999999999999}}""", IngestErrors.PayloadBadNumber },
        { MeterPayloadFormat.Tasmota, "tele/p/SENSOR", "tele/p/SENSOR", """{"Time":"yesterday","ENERGY":{"Total":1}}""", IngestErrors.PayloadBadTime },
        { MeterPayloadFormat.Tasmota, "tele/p/SENSOR", "tele/p/SENSOR", """{"Time":1717243200,"ENERGY":{"Total":1}}""", IngestErrors.PayloadBadTime },
        { MeterPayloadFormat.Tasmota, "tele/p/SENSOR", "stat/p/RESULT", """{"ENERGY":{"Total":1}}""", IngestErrors.TopicUnknown },
        { MeterPayloadFormat.TasmotaSml, "tele/sm/SENSOR", "tele/sm/SENSOR", """{"SML":{"Power_curr":5}}""", IngestErrors.PayloadNoEnergy },
        { MeterPayloadFormat.TasmotaSml, "tele/sm/SENSOR", "tele/sm/SENSOR", """{"SML":{"Total_in":1,"Total_out":null}}""", IngestErrors.PayloadBadNumber },
        { MeterPayloadFormat.ShellyGen2, "pro/status/emdata:0", "pro/status/emdata:0", """{"id":0}""", IngestErrors.PayloadNoEnergy },
        { MeterPayloadFormat.ShellyGen2, "pro/status/emdata:0", "pro/status/emdata:0", """{"total_act":true}""", IngestErrors.PayloadBadNumber },
        { MeterPayloadFormat.ShellyGen2, "pro/status/em1data:0", "pro/status/em1data:0", """{"total_act":5}""", IngestErrors.PayloadNoEnergy },
        { MeterPayloadFormat.ShellyGen2, "pro/status/emdata:0", "pro/events/rpc", """{"method":"NotifyStatus"}""", IngestErrors.PayloadNoEnergy },
        { MeterPayloadFormat.ShellyGen2, "pro/status/emdata:0", "pro/events/rpc", """{"method":"NotifyStatus","params":{"ts":"now","emdata:0":{"total_act":1}}}""", IngestErrors.PayloadBadTime },
        { MeterPayloadFormat.ShellyGen2, "pro/status/emdata:0", "pro/events/rpc", """{"method":"NotifyStatus","params":{"ts":1717243200,"emdata:0":7}}""", IngestErrors.PayloadNoEnergy },
        { MeterPayloadFormat.ShellyGen2, "pro/status/emdata:0", "other/events/rpc", """{"method":"NotifyStatus"}""", IngestErrors.TopicUnknown },
        { MeterPayloadFormat.ShellyGen1, "shellies/em/emeter/0", "shellies/em/emeter/0/total", "abc", IngestErrors.PayloadBadNumber },
        { MeterPayloadFormat.ShellyGen1, "shellies/em/emeter/0", "shellies/em/emeter/0/total", "", IngestErrors.PayloadBadNumber },
        { MeterPayloadFormat.ShellyGen1, "shellies/em/emeter/0", "shellies/em/emeter/0/total", "1,5", IngestErrors.PayloadBadNumber },
        { MeterPayloadFormat.ShellyGen1, "shellies/em/emeter/0", "shellies/em/emeter/0/total_returned", "-3", IngestErrors.PayloadNegative },
        { MeterPayloadFormat.ShellyGen1, "shellies/em/emeter/0", "shellies/em/emeter/1/total", "3", IngestErrors.TopicUnknown },
    };

    [Theory]
    [MemberData(nameof(Examples))]
    public void Parse_EveryExample_GivesItsExpectedSample(string section, int index, string format, string topic, string? time, long? import, long? export)
    {
        var message = SampleMessages.Get(section, index);
        var parser = Create(format, topic, Utc);

        var parsed = parser.Parse(message.Topic, message.Payload);

        Assert.True(parsed.IsSuccess, parsed.Error?.ToString());
        if (time is null)
        {
            Assert.Null(parsed.Value);
        }
        else
        {
            Assert.Equal(new CounterSample(time == "none" ? null : DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture), import, export), parsed.Value);
        }
    }

    [Fact]
    public void Examples_CoverEveryExampleOfTheSampleFile()
    {
        var covered = Examples.Select(row => (row.Data.Item1, row.Data.Item2)).ToHashSet();

        Assert.All(SampleMessages.All, m => Assert.Contains((m.Section, m.Index), covered));
        Assert.Equal(12, SampleMessages.All.Count);
    }

    [Theory]
    [MemberData(nameof(BadPayloads))]
    public void Parse_BadPayload_FailsWithItsCode(string format, string configuredTopic, string topic, string payload, string code)
    {
        var parser = Create(format, configuredTopic, Utc);

        var parsed = parser.Parse(topic, Encoding.UTF8.GetBytes(payload));

        Assert.False(parsed.IsSuccess);
        Assert.Equal(code, parsed.Error.Code);
    }

    [Fact]
    public void Parse_PayloadAboveTheLimit_IsTooLarge()
    {
        var parser = Create(MeterPayloadFormat.Tasmota, "tele/p/SENSOR", Utc);
        var payload = Encoding.UTF8.GetBytes("{\"ENERGY\":{\"Total\":1},\"Pad\":\"" + new string('x', MeterPayloadFormat.MaxPayloadBytes) + "\"}");

        var parsed = parser.Parse("tele/p/SENSOR", payload);

        Assert.Equal(IngestErrors.PayloadTooLarge, parsed.Error?.Code);
    }

    [Fact]
    public void Parse_ShellyGen1InvalidUtf8_IsBadNumber()
    {
        var parser = Create(MeterPayloadFormat.ShellyGen1, "shellies/em/emeter/0", Utc);

        var parsed = parser.Parse("shellies/em/emeter/0/total", new byte[] { 0x31, 0xFF });

        Assert.Equal(IngestErrors.PayloadBadNumber, parsed.Error?.Code);
    }

    [Theory]
    [InlineData("2024-06-01T14:00:00", "2024-06-01T12:00:00Z")]
    [InlineData("2024-01-15T08:30:00.250", "2024-01-15T07:30:00.25Z")]
    [InlineData("2024-10-27T02:30:00", "2024-10-27T01:30:00Z")]
    [InlineData("2024-06-01T12:00:00+02:00", "2024-06-01T10:00:00Z")]
    [InlineData("2024-06-01T12:00:00Z", "2024-06-01T12:00:00Z")]
    public void Parse_TasmotaLocalTime_IsPlacedInTheConfiguredZone(string local, string utc)
    {
        var parser = Create(MeterPayloadFormat.Tasmota, "tele/p/SENSOR", Berlin);

        var parsed = parser.Parse("tele/p/SENSOR", Encoding.UTF8.GetBytes($$$"""{"Time":"{{{local}}}","ENERGY":{"Total":1.5}}"""));

        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), parsed.Value?.Time);
    }

    [Fact]
    public void Parse_TasmotaTimeInTheSpringForwardGap_IsBadTime()
    {
        var parser = Create(MeterPayloadFormat.Tasmota, "tele/p/SENSOR", Berlin);

        var parsed = parser.Parse("tele/p/SENSOR", """{"Time":"2024-03-31T02:30:00","ENERGY":{"Total":1}}"""u8.ToArray());

        Assert.Equal(IngestErrors.PayloadBadTime, parsed.Error?.Code);
    }

    [Theory]
    [InlineData("514.153", 514_153_000)]
    [InlineData("514.15299999999999", 514_153_000)]
    [InlineData("0.0000005", 0)]
    [InlineData("0.0000015", 2)]
    [InlineData("0.0000025", 2)]
    [InlineData("1e3", 1_000_000_000)]
    [InlineData("[1.5, 2.25, 0.001]", 3_751_000)]
    public void Parse_TasmotaTotal_IsExactMilliwattHoursRoundedHalfToEven(string total, long mwh)
    {
        var parser = Create(MeterPayloadFormat.Tasmota, "tele/p/SENSOR", Utc);

        var parsed = parser.Parse("tele/p/SENSOR", Encoding.UTF8.GetBytes($$$"""{"ENERGY":{"Total":{{{total}}}}}"""));

        Assert.Equal(mwh, parsed.Value?.ImportMilliwattHours);
    }

    [Theory]
    [InlineData("TotalReturned")]
    [InlineData("ExportActive")]
    [InlineData("Export")]
    public void Parse_TasmotaExportKey_IsTheExportCounter(string key)
    {
        var parser = Create(MeterPayloadFormat.Tasmota, "tele/p/SENSOR", Utc);

        var parsed = parser.Parse("tele/p/SENSOR", Encoding.UTF8.GetBytes($$$"""{"ENERGY":{"Total":2,"{{{key}}}":0.25}}"""));

        Assert.Equal(new CounterSample(null, 2_000_000, 250_000), parsed.Value);
    }

    [Fact]
    public void Parse_TasmotaSmlWithConfiguredKeys_ReadsThoseKeys()
    {
        var parser = MeterPayloadFormat.Create(MeterPayloadFormat.TasmotaSml, "tele/sm/SENSOR", Utc, "E_in", "E_out").Value;

        var parsed = parser.Parse("tele/sm/SENSOR", """{"Time":"2024-06-01T12:00:10","Power":{"W":5},"MT631":{"E_in":1.5,"E_out":0.5}}"""u8.ToArray());

        Assert.Equal(new CounterSample(new DateTimeOffset(2024, 6, 1, 12, 0, 10, TimeSpan.Zero), 1_500_000, 500_000), parsed.Value);
    }

    [Fact]
    public void Parse_ShellyNotifyStatusWithTheComponent_ReadsItAtParamsTs()
    {
        var parser = Create(MeterPayloadFormat.ShellyGen2, "pro/status/emdata:0", Utc);

        var parsed = parser.Parse("pro/events/rpc", """{"src":"pro","dst":"pro/events","method":"NotifyStatus","params":{"ts":1717243260.5,"emdata:0":{"id":0,"total_act":264839.22,"total_act_ret":46702.4}}}"""u8.ToArray());

        Assert.Equal(new CounterSample(DateTimeOffset.FromUnixTimeMilliseconds(1_717_243_260_500), 264_839_220, 46_702_400), parsed.Value);
    }

    [Fact]
    public void Parse_ShellyEm1Data_ReadsTheSinglePhaseKeys()
    {
        var parser = Create(MeterPayloadFormat.ShellyGen2, "proem/status/em1data:1", Utc);

        var parsed = parser.Parse("proem/status/em1data:1", """{"id":1,"total_act_energy":5080.3,"total_act_ret_energy":12.5}"""u8.ToArray());

        Assert.Equal(new CounterSample(null, 5_080_300, 12_500), parsed.Value);
    }

    [Theory]
    [InlineData("pro/online", "true")]
    [InlineData("pro/events/rpc", """{"method":"NotifyEvent","params":{"ts":1,"events":[]}}""")]
    [InlineData("pro/events/rpc", """{"method":"NotifyStatus","params":{"ts":1,"emdata:1":{"total_act":1}}}""")]
    [InlineData("pro/status/sys", """{"uptime":5}""")]
    public void Parse_ShellyMessageWithoutTheCounter_IsIgnored(string topic, string payload)
    {
        var parser = Create(MeterPayloadFormat.ShellyGen2, "pro/status/emdata:0", Utc);

        var parsed = parser.Parse(topic, Encoding.UTF8.GetBytes(payload));

        Assert.True(parsed.IsSuccess);
        Assert.Null(parsed.Value);
    }

    [Theory]
    [InlineData(MeterPayloadFormat.Tasmota, "tele/+/SENSOR")]
    [InlineData(MeterPayloadFormat.Tasmota, "tele/#")]
    [InlineData(MeterPayloadFormat.Tasmota, "")]
    [InlineData(MeterPayloadFormat.ShellyGen2, "pro/status/em:0")]
    [InlineData(MeterPayloadFormat.ShellyGen2, "pro/emdata:0")]
    [InlineData(MeterPayloadFormat.ShellyGen2, "status/emdata:0")]
    [InlineData("victron", "tele/p/SENSOR")]
    public void Create_BadTopicOrFormat_IsConfigInvalid(string format, string topic)
    {
        var created = MeterPayloadFormat.Create(format, topic, Utc);

        Assert.Equal(IngestErrors.ConfigInvalid, created.Error?.Code);
    }

    [Theory]
    [InlineData(MeterPayloadFormat.Tasmota, "tele/p/SENSOR", new[] { "tele/p/SENSOR" })]
    [InlineData(MeterPayloadFormat.ShellyGen2, "pro/status/emdata:0", new[] { "pro/status/emdata:0", "pro/events/rpc" })]
    [InlineData(MeterPayloadFormat.ShellyGen1, "shellies/em/emeter/2", new[] { "shellies/em/emeter/2/total", "shellies/em/emeter/2/total_returned" })]
    public void Subscriptions_OfAFormat_AreTheExactTopicsItReads(string format, string topic, string[] subscriptions)
    {
        var parser = Create(format, topic, Utc);

        Assert.Equal(subscriptions, parser.Subscriptions);
    }

    private static MeterPayloadFormat Create(string format, string topic, TimeZoneInfo zone)
    {
        var created = MeterPayloadFormat.Create(format, topic, zone);
        Assert.True(created.IsSuccess, created.Error?.ToString());
        return created.Value;
    }
}
