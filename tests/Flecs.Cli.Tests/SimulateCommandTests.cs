using System.Text.Json;

namespace Flecs.Cli.Tests;

/// <summary><c>flecs simulate</c> run as separate processes: what one process cannot show (per-process hash seeds, start-up state) must not reach the chain.</summary>
[Trait("Category", "Integration")]
public sealed class SimulateCommandTests : IDisposable
{
    private const string Scenario = """
        # A hamlet: ten households for one day at hourly intervals, two generators, one P2P contract per PV pair.
        name: hamlet
        seed: 42
        start: 2022-06-13
        days: 1
        intervalMinutes: 60
        generators:
          - { id: gas-1, technology: gas-ccgt, capacityMw: 120 }
          - { id: wind-1, technology: wind, capacityMw: 5 }
        households:
          - group: pv
            count: 4
            pv: { share: 1.0 }
            battery: { share: 0.5 }
            ev: { share: 0.5 }
            spm: { share: 1.0 }
          - group: plain
            count: 6
            mode: passive
            representative: aggco
            heatPump: { share: 0.5 }
            spm: { share: 1.0 }
        contracts:
          - template: p2p-fixed
            parties: { seller: "pv[0:2]", buyer: "plain[0:2]" }
            params: { price: 150000 }
        """;

    private readonly string _root = Directory.CreateTempSubdirectory("flecs-simulate-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact(Timeout = 300_000)]
    public async Task Simulate_TwoProcessesSameScenarioAndSeed_PrintTheSameHeadHashAndWriteTheReport()
    {
        var ct = TestContext.Current.CancellationToken;
        var file = Path.Combine(_root, "hamlet.yaml");
        await File.WriteAllTextAsync(file, Scenario, ct);

        var first = await RunAsync(file, "a", ct);
        var second = await RunAsync(file, "b", ct);

        Assert.Equal(first.GetProperty("head_hash").GetString(), second.GetProperty("head_hash").GetString());
        Assert.Equal(first.GetProperty("blocks").GetInt64(), second.GetProperty("blocks").GetInt64());
        Assert.True(first.GetProperty("verified").GetBoolean());
        Assert.Equal(24, first.GetProperty("intervals").GetInt32());
        var report = first.GetProperty("report").GetString()!;
        Assert.StartsWith("<!DOCTYPE html>", await File.ReadAllTextAsync(report, ct), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(25, (await File.ReadAllLinesAsync(first.GetProperty("intervals_csv").GetString()!, ct)).Length);
    }

    [Fact(Timeout = 120_000)]
    public async Task Simulate_UnknownKey_ExitsThreeWithTheCodeAndLine()
    {
        var ct = TestContext.Current.CancellationToken;
        var file = Path.Combine(_root, "broken.yaml");
        await File.WriteAllTextAsync(file, "name: broken\nsunshine: plenty\n", ct);

        var (exit, output, _) = await FlecsProcess.RunAsync(ct, "simulate", file, "--out", Path.Combine(_root, "broken"), "--json");

        Assert.Equal(3, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("simulation.scenario.malformed", json.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Contains("line 2", json.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> RunAsync(string file, string name, CancellationToken ct)
    {
        var (exit, output, error) = await FlecsProcess.RunAsync(ct, "simulate", file, "--out", Path.Combine(_root, name), "--json");
        Assert.True(exit == 0, $"exit {exit}: {output} {error}");
        using var json = JsonDocument.Parse(output);
        return json.RootElement.Clone();
    }
}
