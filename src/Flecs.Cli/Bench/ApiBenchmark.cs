using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Json;
using Flecs.Api;
using Flecs.Api.Views;
using Flecs.Cli.Output;
using Flecs.Crypto.Hashing;
using Flecs.Ledger.Registry;
using Flecs.Ledger.Transactions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Flecs.Cli.Bench;

/// <summary>
/// <c>flecs bench api</c>: a bounded load test on loopback. Clients POST pre-signed transactions to the node's HTTP API
/// (one per request, or batches) and wait for each answer (durable block); reports sustained committed tx/s and the
/// latency percentiles of the requests. Setup and signing are not timed.
/// </summary>
internal static class ApiBenchmark
{
    public static Command Create()
    {
        var transactions = new Option<int>("--transactions") { Description = "Signed transactions to submit in the timed run.", DefaultValueFactory = _ => 20_000 };
        var clients = new Option<int>("--clients") { Description = "Concurrent HTTP clients (each with one request in flight).", DefaultValueFactory = _ => 128 };
        var batch = new Option<int>("--batch") { Description = "Transactions per request: 1 uses POST /api/v1/transactions, more uses /transactions/batch.", DefaultValueFactory = _ => 1 };
        var json = Shell.JsonOption();
        var command = new Command("api", "Loopback load test of the HTTP API: committed tx/s and request latency (p50, p99).") { transactions, clients, batch, json };
        command.SetAction(async (r, ct) =>
        {
            var result = await RunAsync(r.GetValue(transactions), r.GetValue(clients), r.GetValue(batch), ct).ConfigureAwait(false);
            if (r.GetValue(json))
            {
                Shell.WriteJson(result);
            }
            else
            {
                var table = new Table().AddColumn("measure").AddColumn("value");
                table.AddRow("transactions", result.Transactions.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
                table.AddRow("clients × batch", $"{result.Clients} × {result.Batch}");
                table.AddRow("committed tx/s over HTTP", result.CommittedTxPerS.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
                table.AddRow("request latency p50 / p99 / max", $"{result.P50Ms} / {result.P99Ms} / {result.MaxMs} ms");
                table.AddRow("blocks", result.Blocks.ToString(System.Globalization.CultureInfo.InvariantCulture));
                AnsiConsole.Write(table);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static async Task<ApiBenchmarkResult> RunAsync(int transactionCount, int clientCount, int batch, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(transactionCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(clientCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        // One player per client, so each client's transactions are in its player's sequence order.
        var chain = await BenchChain.CreateAsync("flecs-bench-api-", clientCount, TimeSpan.FromMilliseconds(5), ct).ConfigureAwait(false);
        await using (chain.ConfigureAwait(false))
        {
            var node = chain.Node;
            var (ids, keys) = (chain.Ids, chain.Keys);
            var perClient = (transactionCount + clientCount - 1) / clientCount;
            var signed = new byte[clientCount][][];
            Parallel.For(0, clientCount, i =>
            {
                signed[i] = new byte[perClient][];
                for (var k = 0; k < perClient; k++)
                {
                    var document = Sha256Digest.Hash(System.Text.Encoding.UTF8.GetBytes($"bench/{i}/{k}"));
                    signed[i][k] = Transaction.Create(node.Genesis.ChainId, TransactionType.AnchorDocument, ids[i], k + 1, long.MaxValue / 2, new AnchorDocumentPayload(document, "bench").Encode(), keys[i]).Bytes;
                }
            });

            var options = new NodeApiOptions { Urls = "http://127.0.0.1:0", RequestsPerSecond = 1_000_000, Burst = 1_000_000, VerifyInBackground = false, MaxBatch = Math.Max(batch, 1) };
            var app = NodeApi.Build(node, node, options, TimeProvider.System);
            await using var appScope = app.ConfigureAwait(false);
            await app.StartAsync(ct).ConfigureAwait(false);
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/') + "/");
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clientCount + 4, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
            using var http = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };

            var startHeight = node.Chain.Head.Height;
            var latencies = new List<double>[clientCount];
            var stopwatch = Stopwatch.StartNew();
            var workers = Enumerable.Range(0, clientCount).Select(c => Task.Run(async () =>
            {
                var mine = latencies[c] = new List<double>(perClient / batch + 1);
                var accepted = 0;
                foreach (var chunk in signed[c].Chunk(batch))
                {
                    var sent = Stopwatch.GetTimestamp();
                    if (batch == 1)
                    {
                        using var response = await http.PostAsJsonAsync(new Uri("api/v1/transactions", UriKind.Relative), new SubmitRequest(chunk[0]), ct).ConfigureAwait(false);
                        accepted += response.IsSuccessStatusCode ? 1 : 0;
                    }
                    else
                    {
                        using var response = await http.PostAsJsonAsync(new Uri("api/v1/transactions/batch", UriKind.Relative), new SubmitBatchRequest(chunk), ct).ConfigureAwait(false);
                        var answers = await response.Content.ReadFromJsonAsync<SubmitBatchView>(ct).ConfigureAwait(false);
                        accepted += answers?.Results.Count(a => string.Equals(a.Status, "accepted", StringComparison.Ordinal)) ?? 0;
                    }

                    mine.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                }

                return accepted;
            }, ct)).ToArray();
            var total = (await Task.WhenAll(workers).ConfigureAwait(false)).Sum();
            stopwatch.Stop();
            await app.StopAsync(ct).ConfigureAwait(false);

            if (total != perClient * clientCount)
            {
                throw new InvalidOperationException($"Only {total} of {perClient * clientCount} benchmark transactions were accepted.");
            }

            var all = latencies.SelectMany(l => l).Order().ToArray();
            double Percentile(double p) => Math.Round(all[Math.Min(all.Length - 1, (int)Math.Ceiling(p * all.Length) - 1)], 1);
            return new ApiBenchmarkResult(
                Transactions: total,
                Clients: clientCount,
                Batch: batch,
                Cores: Environment.ProcessorCount,
                CommittedTxPerS: Math.Round(total / stopwatch.Elapsed.TotalSeconds),
                Requests: all.Length,
                P50Ms: Percentile(0.50),
                P99Ms: Percentile(0.99),
                MaxMs: Math.Round(all[^1], 1),
                Blocks: node.Chain.Head.Height - startHeight,
                ElapsedS: Math.Round(stopwatch.Elapsed.TotalSeconds, 3));
        }
    }
}
