using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Flecs.Api.Views;
using Flecs.Core.Identity;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Players;
using Flecs.Ledger.Registry;
using Flecs.Ledger.Transactions;

namespace Flecs.Cli.Tests;

/// <summary>The API against running processes: <c>flecs node --urls</c> takes a signed transaction over HTTP, and <c>flecs node --follow</c> replicates and verifies it.</summary>
public sealed class NodeServiceTests : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly string _root = Directory.CreateTempSubdirectory("flecs-service-").FullName;

    [Fact]
    public async Task RunningNode_ServesTheApi_AndAFollowerProcessVerifiesItsBlocks()
    {
        var ct = TestContext.Current.CancellationToken;
        var validatorDir = Path.Combine(_root, "validator");
        var init = await FlecsProcess.RunAsync(ct, "init", "--data", validatorDir);
        Assert.Equal(0, init.ExitCode);
        using var validator = Process.Start(FlecsProcess.StartInfo("node", "--data", validatorDir, "--urls", "http://127.0.0.1:0"))!;
        try
        {
            var address = await ListeningAddressAsync(validator, ct);
            using var http = new HttpClient { BaseAddress = address };
            var status = await http.GetFromJsonAsync<StatusView>("api/v1/status", Web, ct);
            using var sa = KeyFile.Read(Path.Combine(validatorDir, "keys", "sa.key")).Value;
            var bob = Ed25519Signer.Generate();
            var tx = Transaction.Create(status!.ChainId, TransactionType.RegisterPlayer, PlayerId.Parse("sa"), 1, status.Height + 100, new RegisterPlayerPayload(PlayerId.Parse("bob"), PlayerRole.Prosumer, PlayerMode.Active, bob.PublicKey, null).Encode(), sa);
            using var submitted = await http.PostAsJsonAsync("api/v1/transactions", new SubmitRequest(tx.Bytes), Web, ct);
            var answer = await submitted.Content.ReadFromJsonAsync<SubmissionView>(Web, ct);
            using var replayed = await http.PostAsJsonAsync("api/v1/transactions", new SubmitRequest(tx.Bytes), Web, ct);

            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
            Assert.Equal("accepted", answer!.Status);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, replayed.StatusCode);

            using var follower = Process.Start(FlecsProcess.StartInfo("node", "--data", Path.Combine(_root, "follower"), "--follow", address.ToString(), "--key", Path.Combine(validatorDir, "keys", "sa.key")))!;
            try
            {
                string? line;
                var verified = -1L;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(60));
                while (verified < answer.Height && (line = await follower.StandardOutput.ReadLineAsync(timeout.Token)) is not null)
                {
                    if (line.StartsWith("verified block ", StringComparison.Ordinal))
                    {
                        verified = long.Parse(line.Split(' ')[2], System.Globalization.CultureInfo.InvariantCulture);
                    }
                }

                Assert.Equal(answer.Height, verified);
            }
            finally
            {
                follower.Kill(entireProcessTree: true);
                await follower.WaitForExitAsync(ct);
            }

            // A follower whose key the validator does not accept stops at once instead of retrying for ever.
            var strangerKey = Path.Combine(_root, "stranger.key");
            using (var stranger = Ed25519Signer.Generate())
            {
                KeyFile.Write(strangerKey, stranger);
            }

            var refused = await FlecsProcess.RunAsync(ct, "node", "--data", Path.Combine(_root, "refused"), "--follow", address.ToString(), "--key", strangerKey);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("node.follow.source-refused", refused.Error, StringComparison.Ordinal);
        }
        finally
        {
            validator.Kill(entireProcessTree: true);
            await validator.WaitForExitAsync(ct);
        }
    }

    [Fact]
    public async Task BenchApi_SubmitsEveryTransactionOverHttp_AndReportsLatencies()
    {
        var (exit, output, error) = await FlecsProcess.RunAsync(TestContext.Current.CancellationToken, "bench", "api", "--json", "--transactions", "200", "--clients", "4");

        Assert.True(exit == 0, error);
        using var result = JsonDocument.Parse(output);
        var root = result.RootElement;
        Assert.Equal(200, root.GetProperty("transactions").GetInt32());
        Assert.Equal(200, root.GetProperty("requests").GetInt32());
        Assert.True(root.GetProperty("committed_tx_per_s").GetDouble() > 0);
        Assert.InRange(root.GetProperty("p50_ms").GetDouble(), 0.0, root.GetProperty("p99_ms").GetDouble());
        Assert.InRange(root.GetProperty("p99_ms").GetDouble(), 0.0, root.GetProperty("max_ms").GetDouble());
    }

    [Fact]
    public async Task BenchLedger_WarmsUpThenTimesWholeRounds_AndReportsTheRatioItsExitCodeFollows()
    {
        var (exit, output, error) = await FlecsProcess.RunAsync(TestContext.Current.CancellationToken, "bench", "ledger", "--json", "--transactions", "1000", "--players", "40", "--warm-up", "100");

        using var result = JsonDocument.Parse(output);
        var root = result.RootElement;
        Assert.Equal(1000, root.GetProperty("transactions").GetInt32());
        Assert.Equal(120, root.GetProperty("warm_up_transactions").GetInt32());
        Assert.True(root.GetProperty("blocks").GetInt64() >= 1);
        Assert.True(root.GetProperty("allocated_bytes_per_tx").GetInt64() > 0);
        Assert.True(root.GetProperty("cpu_us_per_tx").GetDouble() > 0);
        Assert.Equal(1e6 / root.GetProperty("verify_per_s_single_core").GetDouble(), root.GetProperty("verify_us_per_tx").GetDouble(), 0.1);
        var ratio = root.GetProperty("ratio").GetDouble();
        var expected = root.GetProperty("committed_tx_per_s").GetDouble() / (root.GetProperty("cores").GetInt32() * root.GetProperty("verify_per_s_single_core").GetDouble());
        Assert.Equal(expected, ratio, 0.002);
        Assert.True(exit == (ratio >= root.GetProperty("target_ratio").GetDouble() ? 0 : 20), error);
    }

    [Fact]
    public async Task BenchSettlement_CountsTheStoreWithoutItsStateLogBuffer_AndReportsTheFileBeside()
    {
        var (exit, output, error) = await FlecsProcess.RunAsync(TestContext.Current.CancellationToken, "bench", "settlement", "--json", "--prosumers", "20", "--hours", "2");

        using var result = JsonDocument.Parse(output);
        var root = result.RootElement;
        var persistent = root.GetProperty("bytes_per_prosumer_month").GetDouble();
        var file = root.GetProperty("file_bytes_per_prosumer_month").GetDouble();
        Assert.InRange(persistent, 1.0, file);
        Assert.True(exit == (root.GetProperty("meets_targets").GetBoolean() ? 0 : 20), error);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static async Task<Uri> ListeningAddressAsync(Process node, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (await node.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("listening on ", StringComparison.Ordinal))
            {
                return new Uri(line.Split(' ')[2].TrimEnd('/') + "/");
            }
        }

        throw new InvalidOperationException("The node exited without listening: " + await node.StandardError.ReadToEndAsync(ct));
    }
}
