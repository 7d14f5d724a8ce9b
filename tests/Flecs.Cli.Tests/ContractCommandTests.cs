using System.Text.Json;

namespace Flecs.Cli.Tests;

/// <summary><c>flecs contract …</c> run as a user would: off-ledger runs, and the whole lifecycle on a node's data directory.</summary>
public sealed class ContractCommandTests : IDisposable
{
    private const string Inputs = """{"start":"2026-01-01T00:00Z","minutes":1,"count":3,"meters":{"seller":{"import":0,"export":[5000,1000,0]},"buyer":{"import":3000,"export":0}},"prices":{}}""";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "flecs-contract-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Run_StandardTemplate_PrintsIntervalsAndTotalsThatNetToZero()
    {
        var (exit, output, error) = await FlecsProcess.RunAsync(TestContext.Current.CancellationToken, "contract", "run", "p2p-fixed", "--params", """{"price":100000}""", "--inputs", Inputs, "--json");

        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var totals = json.RootElement.GetProperty("totals").EnumerateArray().ToDictionary(t => t.GetProperty("role").GetString()!, t => t.GetProperty("money_net_micros").GetInt64());
        // 3,000 mWh + 1,000 mWh at 100,000 µ/kWh = 300 µ + 100 µ.
        Assert.Equal(-400, totals["buyer"]);
        Assert.Equal(400, totals["seller"]);
        Assert.Equal(3, json.RootElement.GetProperty("intervals").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"price":0.1}""", "contract.value.not-integer")]
    [InlineData("""{"prize":1}""", "contract.params.invalid")]
    public async Task Run_BadParameters_ExitsThreeWithTheCode(string parameters, string code)
    {
        var (exit, output, _) = await FlecsProcess.RunAsync(TestContext.Current.CancellationToken, "contract", "run", "p2p-fixed", "--params", parameters, "--inputs", Inputs, "--json");

        Assert.Equal(3, exit);
        Assert.Equal(code, JsonDocument.Parse(output).RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Lifecycle_CertifyProposeAcceptExecuteShow_ThenTheLedgerVerifies()
    {
        var ct = TestContext.Current.CancellationToken;
        await Ok(ct, "init", "--data", _root);
        foreach (var (id, role) in new[] { ("seller", "prosumer"), ("buyer", "prosumer"), ("mo", "market-operator") })
        {
            await Ok(ct, "player", "register", "--data", _root, "--id", id, "--role", role);
            await Ok(ct, "player", "authorize", "--data", _root, "--id", id);
        }

        await Ok(ct, "contract", "certify", "--data", _root, "--template", "p2p-fixed");
        var proposed = await Ok(ct, "contract", "propose", "--data", _root, "--as", "seller", "--template", "p2p-fixed", "--params", """{"price":100000}""",
            "--party", "seller=seller", "buyer=buyer", "--start", "2026-01-01T00:00Z", "--end", "2026-01-01T01:00Z", "--json");
        var contract = JsonDocument.Parse(proposed).RootElement.GetProperty("id").GetString()!;
        await Ok(ct, "contract", "accept", "--data", _root, "--as", "buyer", "--contract", contract);
        await Ok(ct, "contract", "execute", "--data", _root, "--contract", contract, "--inputs", Inputs);
        var (replayExit, _, _) = await FlecsProcess.RunAsync(ct, "contract", "execute", "--data", _root, "--contract", contract, "--inputs", Inputs);
        var shown = JsonDocument.Parse(await Ok(ct, "contract", "show", "--data", _root, "--contract", contract, "--json")).RootElement;

        Assert.Equal(5, replayExit);
        Assert.Equal("live", shown.GetProperty("status").GetString());
        Assert.Equal("2026-01-01T00:03Z/1m", shown.GetProperty("next_interval").GetString());
        await Ok(ct, "ledger", "verify", "--data", _root);
    }

    [Fact]
    public async Task BenchContracts_Json_ReportsEveryStandardTemplateAndTheTarget()
    {
        var (exit, output, error) = await FlecsProcess.RunAsync(TestContext.Current.CancellationToken, "bench", "contracts", "--intervals", "1000", "--json");

        Assert.True(exit is 0 or 20, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(11, json.RootElement.GetProperty("templates").GetArrayLength());
        Assert.All(json.RootElement.GetProperty("templates").EnumerateArray(), t => Assert.True(t.GetProperty("executions_per_s_per_core").GetDouble() > 0));
        Assert.Equal("p2p-fixed", json.RootElement.GetProperty("simplest").GetString());
        Assert.Equal(50_000, json.RootElement.GetProperty("target_executions_per_s").GetInt32());
        Assert.Equal(exit == 0, json.RootElement.GetProperty("meets_target").GetBoolean());
    }

    private static async Task<string> Ok(CancellationToken ct, params string[] args)
    {
        var (exit, output, error) = await FlecsProcess.RunAsync(ct, args);
        Assert.True(exit == 0, $"flecs {string.Join(' ', args)} exited {exit}: {output} {error}");
        return output;
    }
}
