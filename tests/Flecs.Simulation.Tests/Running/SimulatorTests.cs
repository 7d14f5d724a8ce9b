using Flecs.Simulation.Results;
using Flecs.Simulation.Running;
using Flecs.Simulation.Scenarios;

namespace Flecs.Simulation.Tests.Running;

/// <summary>The default district for one day at 15-minute intervals, run through a real embedded node.</summary>
[Trait("Category", "Integration")]
public sealed class SimulatorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("flecs-sim-test-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact(Timeout = 300_000)]
    public async Task RunAsync_SameScenarioAndSeedTwice_GivesTheSameHeadHash()
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = OneDay();

        var first = await RunAsync(scenario, "a", ct);
        var second = await RunAsync(scenario, "b", ct);
        var reseeded = await RunAsync(scenario with { Seed = scenario.Seed + 1 }, "c", ct);

        Assert.Equal(first.Ledger.HeadHash, second.Ledger.HeadHash);
        Assert.Equal(first.Ledger.Blocks, second.Ledger.Blocks);
        Assert.NotEqual(first.Ledger.HeadHash, reseeded.Ledger.HeadHash);
    }

    [Fact(Timeout = 300_000)]
    public async Task RunAsync_OneDay_SettlesEveryIntervalVerifiesAndRunsEveryContract()
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = OneDay();

        var result = await RunAsync(scenario, "run", ct);

        Assert.True(result.Ledger.Verified, result.Ledger.VerifyMessage);
        Assert.Equal(96, result.Intervals.Count);
        Assert.Equal(scenario.Faults.BadReadings, result.Ledger.Rejected);
        Assert.All(result.Intervals, i => Assert.True(i.MpmPrice > 0));
        Assert.Contains(result.Intervals, i => i.MpmCleared);
        Assert.Contains(result.Intervals, i => i.SpmVolume > 0);
        Assert.Contains(result.Intervals, i => i.Pv > 0 && i.SelfConsumption > 0);
        Assert.Contains(result.Intervals, i => i.P2p > 0);
        Assert.Contains(result.Intervals, i => i.GridImport > 0);
        Assert.Contains(result.Intervals, i => i.GridExport > 0);
        Assert.Contains(result.Intervals, i => i.EvCharging > 0);
        Assert.Contains(result.Intervals, i => i.BatteryCharge > 0);
        Assert.Equal(result.Players.Count, result.Players.Select(p => p.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(result.Players, p => p.Certificates > 0);
        Assert.All(result.Contracts, c => Assert.Equal(0, c.Failures));
        Assert.All(result.Contracts.Where(c => c.Template is "p2p-fixed" or "physical-ppa" or "site-ppa"), c => Assert.True(c.Energy > 0, c.Template + " " + c.Parties));
        Assert.All(result.Contracts.Where(c => c.Template is "reserve" or "demand-response" or "virtual-ppa" or "green-certificates"), c => Assert.True(c.Money > 0, c.Template + " " + c.Parties));
    }

    [Fact(Timeout = 60_000)]
    public async Task RunAsync_OutputHoldsOtherFiles_IsRefusedWithItsCode()
    {
        var ct = TestContext.Current.CancellationToken;
        var occupied = Path.Combine(_root, "occupied");
        Directory.CreateDirectory(occupied);
        await File.WriteAllTextAsync(Path.Combine(occupied, "thesis.tex"), "keep me", ct);

        var result = await Simulator.RunAsync(OneDay(), occupied, cancellationToken: ct);

        Assert.Equal(ScenarioErrors.Output, result.Error?.Code);
        Assert.True(File.Exists(Path.Combine(occupied, "thesis.tex")));
    }

    private static Scenario OneDay() => ScenarioFile.Load(ScenarioFile.DefaultName).Value with { Days = 1, IntervalMinutes = 15 };

    private async Task<SimulationResult> RunAsync(Scenario scenario, string name, CancellationToken ct)
    {
        var result = await Simulator.RunAsync(scenario, Path.Combine(_root, name), cancellationToken: ct);
        Assert.True(result.IsSuccess, result.IsSuccess ? null : result.Error.ToString());
        return result.Value;
    }
}
