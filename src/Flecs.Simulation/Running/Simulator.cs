using Flecs.Core.Results;
using Flecs.Simulation.Results;
using Flecs.Simulation.Scenarios;

namespace Flecs.Simulation.Running;

/// <summary>Runs a scenario through a new embedded node (docs/scenarios.md#how-a-run-works).</summary>
public static class Simulator
{
    /// <summary>
    /// Simulates <paramref name="scenario"/> into a new ledger in <paramref name="ledgerDirectory"/> (an empty or missing
    /// directory, or one an earlier run made, which is replaced) and returns what the report shows.
    /// </summary>
    public static async Task<Result<SimulationResult>> RunAsync(Scenario scenario, string ledgerDirectory, IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(ledgerDirectory);
        var plan = DistrictPlan.Build(scenario);
        if (!plan.IsSuccess)
        {
            return plan.Error;
        }

        var root = Path.GetFullPath(ledgerDirectory);
        var prepared = Prepare(root);
        if (!prepared.IsSuccess)
        {
            return prepared.Error;
        }

        using var run = new DistrictRun(plan.Value, root, progress);
        try
        {
            return await run.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SimulationException ex)
        {
            return ex.Error;
        }
    }

    private static Result Prepare(string root)
    {
        try
        {
            if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
            {
                if (!File.Exists(Path.Combine(root, DistrictRun.Marker)))
                {
                    return Result.Fail(ScenarioErrors.Output, $"'{root}' is not empty and holds no earlier simulation: choose another directory.");
                }

                Directory.Delete(root, recursive: true);
            }

            Directory.CreateDirectory(root);
            File.WriteAllText(Path.Combine(root, DistrictRun.Marker), "A simulated district's ledger (flecs simulate). Its keys derive from the scenario's seed: test data only.\n");
            return Result.Success;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Result.Fail(ScenarioErrors.Output, $"Cannot prepare '{root}': {ex.Message}");
        }
    }
}
