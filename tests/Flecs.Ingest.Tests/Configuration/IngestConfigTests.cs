using Flecs.Ingest.Configuration;

namespace Flecs.Ingest.Tests.Configuration;

public sealed class IngestConfigTests
{
    private const string Example = """
        {
          "broker": "mqtt://127.0.0.1:1883",
          "clientId": "flecs-ingest-1",
          "sender": "aggco",
          "senderKey": "keys/aggco.key",
          "gatewayKey": "keys/gw.key",
          "timeZone": "Europe/Berlin",
          "flushSeconds": 5,
          "meters": [
            { "meter": "m-1", "topic": "tele/plug-kitchen/SENSOR", "format": "tasmota" },
            { "meter": "m-2", "topic": "tele/smartmeter/SENSOR", "format": "tasmota-sml", "importKey": "E_in", "exportKey": "E_out" },
            { "meter": "m-3", "topic": "shellypro3em-a0b1c2d3e4f5/status/emdata:0", "format": "shelly-gen2", "key": "keys/m-3.key" },
            { "meter": "m-4", "topic": "shellies/shellyem3-ECFABC123456/emeter/0", "format": "shelly-gen1" }
          ]
        }
        """;

    [Fact]
    public void Parse_TheDocumentedExample_ReadsEveryField()
    {
        var parsed = IngestConfig.Parse(Example);

        Assert.True(parsed.IsSuccess, parsed.Error?.ToString());
        var config = parsed.Value;
        Assert.Equal(("127.0.0.1", 1883), config.BrokerEndpoint());
        Assert.Equal("flecs-ingest-1", config.ClientId);
        Assert.Equal("aggco", config.Sender);
        Assert.Equal("Europe/Berlin", config.FindTimeZone().Id);
        Assert.Equal(3_600, config.MaxGapSeconds);
        Assert.Equal(["m-1", "m-2", "m-3", "m-4"], config.Meters.Select(m => m.Meter));
        Assert.Equal("keys/m-3.key", config.Meters[2].Key);
        Assert.Equal("E_in", config.Meters[1].ImportKey);
    }

    [Fact]
    public void Parse_OnlyRequiredFields_TakesTheDefaults()
    {
        var parsed = IngestConfig.Parse("""{ "broker": "mqtt://broker.local", "sender": "mo", "senderKey": "keys/mo.key", "gatewayKey": "gw.key", "meters": [ { "meter": "m", "topic": "a/b", "format": "tasmota" } ] }""");

        Assert.True(parsed.IsSuccess, parsed.Error?.ToString());
        Assert.Equal(("broker.local", IngestConfig.DefaultPort), parsed.Value.BrokerEndpoint());
        Assert.Equal("UTC", parsed.Value.TimeZone);
        Assert.Equal(5, parsed.Value.FlushSeconds);
        Assert.Equal("flecs-ingest", parsed.Value.ClientId);
    }

    [Theory]
    [InlineData("\"broker\": \"mqtt://127.0.0.1:1883\"", "\"broker\": \"mqtt://127.0.0.1:1883\", \"extra\": 1")]
    [InlineData("\"format\": \"tasmota\" }", "\"format\": \"tasmota\", \"qos\": 1 }")]
    [InlineData("\"broker\": \"mqtt://127.0.0.1:1883\",", "")]
    [InlineData("\"sender\": \"aggco\"", "\"sender\": null")]
    [InlineData("\"sender\": \"aggco\"", "\"sender\": \"Not A Player!\"")]
    [InlineData("mqtt://127.0.0.1:1883", "http://127.0.0.1:1883")]
    [InlineData("mqtt://127.0.0.1:1883", "mqtt://user:pw@127.0.0.1:1883")]
    [InlineData("mqtt://127.0.0.1:1883", "mqtt://127.0.0.1:1883/path")]
    [InlineData("Europe/Berlin", "Mars/Olympus_Mons")]
    [InlineData("\"flushSeconds\": 5", "\"flushSeconds\": 0")]
    [InlineData("\"flushSeconds\": 5", "\"flushSeconds\": \"5\"")]
    [InlineData("\"format\": \"tasmota\" }", "\"format\": \"tasmota\", \"importKey\": \"x\" }")]
    [InlineData("\"format\": \"shelly-gen1\"", "\"format\": \"shelly-gen3\"")]
    [InlineData("\"meter\": \"m-2\"", "\"meter\": \"m-1\"")]
    [InlineData("\"meter\": \"m-2\"", "\"meter\": \"-bad\"")]
    [InlineData("tele/smartmeter/SENSOR", "tele/plug-kitchen/SENSOR")]
    [InlineData("shellypro3em-a0b1c2d3e4f5/status/emdata:0", "shellypro3em-a0b1c2d3e4f5/status/em:0")]
    [InlineData("\"gatewayKey\": \"keys/gw.key\",", "")]
    [InlineData("\"meters\": [", "\"meters\": [], \"unused\": [")]
    public void Parse_BrokenRule_IsConfigInvalid(string find, string replace)
    {
        var json = Example.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Example, json);

        var parsed = IngestConfig.Parse(json);

        Assert.False(parsed.IsSuccess);
        Assert.Equal(IngestErrors.ConfigInvalid, parsed.Error.Code);
    }

    [Fact]
    public void Parse_EmptyMeters_IsConfigInvalidNamingTheProperty()
    {
        var parsed = IngestConfig.Parse("""{ "broker": "mqtt://h", "sender": "mo", "senderKey": "k", "gatewayKey": "g", "meters": [] }""");

        Assert.Equal(IngestErrors.ConfigInvalid, parsed.Error?.Code);
        Assert.Contains("meters", parsed.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_IsConfigUnreadable()
    {
        var loaded = IngestConfig.Load(Path.Combine(Path.GetTempPath(), "flecs-no-such-ingest-" + Guid.NewGuid().ToString("N") + ".json"));

        Assert.Equal(IngestErrors.ConfigUnreadable, loaded.Error?.Code);
    }

    [Fact]
    public void Load_FileWithUnknownProperty_IsConfigInvalidNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), "flecs-ingest-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, Example.Replace("\"clientId\"", "\"clientID\"", StringComparison.Ordinal));
        try
        {
            var loaded = IngestConfig.Load(path);

            Assert.Equal(IngestErrors.ConfigInvalid, loaded.Error?.Code);
            Assert.Contains(path, loaded.Error!.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
