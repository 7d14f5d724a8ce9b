using System.Text;
using System.Text.Json;

namespace Flecs.Ingest.Tests;

/// <summary>The examples of <c>Samples/meter_mqtt_examples.json</c> (see Samples/README.md) as MQTT messages.</summary>
internal static class SampleMessages
{
    /// <summary>One example: its section and position in the file, its topic and its payload bytes as a device would publish them.</summary>
    public sealed record Message(string Section, int Index, string Topic, byte[] Payload)
    {
        public string PayloadText => Encoding.UTF8.GetString(Payload);
    }

    public static IReadOnlyList<Message> All { get; } = Load();

    public static Message Get(string section, int index) =>
        All.Single(m => m.Section == section && m.Index == index);

    private static List<Message> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", "meter_mqtt_examples.json")));
        var messages = new List<Message>();
        foreach (var section in document.RootElement.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object))
        {
            var index = 0;
            foreach (var example in section.Value.GetProperty("examples").EnumerateArray())
            {
                var payload = example.GetProperty("payload");
                var bytes = payload.ValueKind == JsonValueKind.String ? Encoding.UTF8.GetBytes(payload.GetString()!) : Encoding.UTF8.GetBytes(payload.GetRawText());
                messages.Add(new Message(section.Name, index++, example.GetProperty("topic").GetString()!, bytes));
            }
        }

        return messages;
    }
}
