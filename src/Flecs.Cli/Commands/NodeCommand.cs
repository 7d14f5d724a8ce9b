using System.CommandLine;
using Flecs.Api;
using Flecs.Cli.Output;
using Flecs.Ingest;
using Flecs.Ingest.Configuration;
using Flecs.Node.Clients;
using Flecs.Node.Sequencing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Flecs.Cli.Commands;

/// <summary>
/// <c>flecs node</c>: runs the embedded node. With <c>--urls</c> it serves the HTTP API and the dashboard
/// (docs/api.md) until stopped; without, it takes signed transactions as hex lines on standard input and writes one
/// JSON acknowledgement line per transaction to standard output, only after the transaction's block is durable.
/// </summary>
internal static class NodeCommand
{
    public static Command Create()
    {
        var data = Shell.DataOption();
        var validator = new Option<string?>("--validator") { Description = "The validator id whose key in keys/ seals blocks (default: the first one present)." };
        var urls = new Option<string?>("--urls") { Description = "Serve the HTTP API, the OpenAPI document and the dashboard on these URLs (e.g. http://127.0.0.1:8080; ';' between several; port 0 picks one). Without it, read transactions from stdin." };
        var rate = new Option<int>("--rate-limit") { Description = "Requests per second per remote address (counted before authentication); bursts up to twice that.", DefaultValueFactory = _ => 500 };
        var noVerify = new Option<bool>("--no-verify") { Description = "Do not re-verify each committed block in the background (the status and dashboard then show verify as disabled)." };
        var follow = new Option<string?>("--follow") { Description = "Follow the validator at this URL: replicate its blocks through its API and verify every one (hash links, seals, re-execution); refuse a forged block (exit 4). With --urls, serve the same reads (writes are refused)." };
        var followAs = new Option<string>("--as") { Description = "With --follow: the SA player id that signs the follower's requests for whole blocks.", DefaultValueFactory = _ => "sa" };
        var followKey = new Option<string?>("--key") { Description = "With --follow: the key file of --as (default keys/<as>.key in the data directory)." };
        var genesisFile = new Option<string?>("--genesis") { Description = "With --follow on an empty data directory: the genesis file to trust (default: the validator's, fetched and its hash printed)." };
        var mqtt = new Option<string?>("--mqtt") { Description = "With --urls: subscribe to an MQTT broker and turn Tasmota/Shelly energy counters of registered meters into signed readings (config file: docs/mqtt-ingest.md)." };
        var command = new Command("node", "Run the embedded node: with --urls the HTTP API and dashboard; otherwise hex-encoded signed transactions on stdin, one JSON acknowledgement line each on stdout after its block is durable. With --follow, a verifying follower.")
        {
            data, validator, urls, rate, noVerify, follow, followAs, followKey, genesisFile, mqtt,
        };
        command.SetAction(async (r, ct) =>
        {
            var rateLimit = r.GetValue(rate);
            if (rateLimit < 1)
            {
                return Shell.Fail(new Flecs.Core.Results.Error("cli.usage", "--rate-limit must be at least 1."), json: false);
            }

            if (r.GetValue(follow) is { } followUrl)
            {
                var serveFollower = r.GetValue(urls) is { } u ? new NodeApiOptions { Urls = u, RequestsPerSecond = rateLimit, Burst = rateLimit * 2, VerifyInBackground = false } : null;
                return await FollowCommand.RunAsync(r.GetValue(data)!, followUrl, r.GetValue(followAs)!, r.GetValue(followKey), r.GetValue(genesisFile), serveFollower, ct).ConfigureAwait(false);
            }

            var opened = Shell.OpenNode(r.GetValue(data)!, r.GetValue(validator));
            if (!opened.IsSuccess)
            {
                return Shell.Fail(opened.Error, json: false);
            }

            var node = opened.Value;
            await using var nodeScope = node.ConfigureAwait(false);
            if (r.GetValue(urls) is { } serve)
            {
                MqttIngest? ingest = null;
                // The ingest's log (a line per bad payload, with its topic and code) goes to stderr, one line per entry.
                using var ingestLogs = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Information).AddSimpleConsole(o => o.SingleLine = true)
                    .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
                if (r.GetValue(mqtt) is { } mqttConfig)
                {
                    var config = IngestConfig.Load(mqttConfig);
                    var created = config.IsSuccess ? MqttIngest.Create(config.Value, node, r.GetValue(data)!, TimeProvider.System, ingestLogs.CreateLogger<MqttIngest>(), new LedgerClient(node)) : config.Error;
                    if (!created.IsSuccess)
                    {
                        return Shell.Fail(created.Error, json: false);
                    }

                    ingest = created.Value;
                    await ingest.StartAsync(ct).ConfigureAwait(false);
                    await Console.Out.WriteLineAsync($"mqtt: subscribed to {string.Join(", ", ingest.Topics)}").ConfigureAwait(false);
                }

                try
                {
                    var options = new NodeApiOptions { Urls = serve, RequestsPerSecond = rateLimit, Burst = rateLimit * 2, VerifyInBackground = !r.GetValue(noVerify), IngestCounters = ingest is null ? null : () => ingest.Counters.Flatten() };
                    return await ServeAsync(NodeApi.Build(node, node, options, TimeProvider.System), $"chain '{node.Genesis.ChainId}' at height {node.Chain.Head.Height}", ct).ConfigureAwait(false);
                }
                finally
                {
                    if (ingest is not null)
                    {
                        await ingest.StopAsync(CancellationToken.None).ConfigureAwait(false);
                        await ingest.DisposeAsync().ConfigureAwait(false);
                    }
                }
            }

            await Console.Error.WriteLineAsync($"node: chain '{node.Genesis.ChainId}' at height {node.Chain.Head.Height}; reading transactions from stdin").ConfigureAwait(false);
            var output = Console.Out;
            var writeLock = new SemaphoreSlim(1, 1);
            var inFlight = new List<Task>();
            string? line;
            while ((line = await Console.In.ReadLineAsync(ct).ConfigureAwait(false)) is not null)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                byte[] bytes;
                try
                {
                    bytes = Convert.FromHexString(line.Trim());
                }
                catch (FormatException)
                {
                    await WriteAsync(output, writeLock, $"{{\"ok\":false,\"code\":\"cli.input.not-hex\",\"message\":\"A line is not hex.\"}}", ct).ConfigureAwait(false);
                    continue;
                }

                inFlight.Add(AcknowledgeAsync(node, bytes, output, writeLock, ct));
                if (inFlight.Count >= 4096)
                {
                    inFlight.RemoveAll(t => t.IsCompleted);
                }
            }

            await Task.WhenAll(inFlight).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Runs a built API until <paramref name="ct"/> (Ctrl+C) stops it; prints where it listens.</summary>
    internal static async Task<int> ServeAsync(WebApplication app, string what, CancellationToken ct)
    {
        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.StartAsync(ct).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                return Shell.Fail(new Flecs.Core.Results.Error("cli.node.listen", "Cannot listen: " + ex.Message), json: false, ExitCodes.General);
            }

            var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            foreach (var address in addresses)
            {
                await Console.Out.WriteLineAsync($"listening on {address} ({what}); dashboard {address.TrimEnd('/')}/dashboard/, OpenAPI {address.TrimEnd('/')}{NodeApi.OpenApiPath}").ConfigureAwait(false);
            }

            await Console.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: stop serving, then the node seals what is queued and closes.
            }

            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    private static async Task AcknowledgeAsync(EmbeddedNode node, byte[] bytes, TextWriter output, SemaphoreSlim writeLock, CancellationToken ct)
    {
        var s = await node.SubmitAsync(bytes, ct).ConfigureAwait(false);
        var line = System.Text.Json.JsonSerializer.Serialize(
            new { ok = s.IsAccepted, id = s.TransactionId.ToString(), height = s.Height, position = s.Position, code = s.RejectionCode },
            Shell.Json);
        await WriteAsync(output, writeLock, line, ct).ConfigureAwait(false);
    }

    private static async Task WriteAsync(TextWriter output, SemaphoreSlim writeLock, string line, CancellationToken ct)
    {
        await writeLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
            await output.FlushAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            writeLock.Release();
        }
    }
}
