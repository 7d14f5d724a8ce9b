using Flecs.Ingest;
using Microsoft.Extensions.Logging;

namespace Flecs.Cli.Commands;

/// <summary>The MQTT ingest's log on standard error (one line per bad payload, with its topic and code), and its counters for the SA's operator view.</summary>
internal static class IngestLogger
{
    public static ILogger<MqttIngest> Create() => new ConsoleLog();

    public static IReadOnlyDictionary<string, long> Flatten(IngestCounters c)
    {
        var all = new SortedDictionary<string, long>(StringComparer.Ordinal)
        {
            ["messages"] = c.Messages,
            ["ignored"] = c.IgnoredMessages,
            ["samples"] = c.Samples,
            ["bad_payloads"] = c.BadPayloads,
            ["intervals_completed"] = c.IntervalsCompleted,
            ["readings_submitted"] = c.ReadingsSubmitted,
            ["readings_accepted"] = c.ReadingsAccepted,
            ["transactions_accepted"] = c.TransactionsAccepted,
            ["transactions_rejected"] = c.TransactionsRejected,
            ["connections"] = c.Connections,
        };
        foreach (var (code, count) in c.ErrorsByCode)
        {
            all["error:" + code] = count;
        }

        foreach (var (code, count) in c.RejectionsByCode)
        {
            all["rejected:" + code] = count;
        }

        return all;
    }

    private sealed class ConsoleLog : ILogger<MqttIngest>
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Console.Error.WriteLine($"mqtt {logLevel.ToString().ToLowerInvariant()}: {formatter(state, exception)}");
            }
        }
    }
}
