namespace Flecs.Simulation.Scenarios;

/// <summary>Stable error codes of scenario files and simulation runs.</summary>
public static class ScenarioErrors
{
    /// <summary>The file is missing or not readable.</summary>
    public const string Unreadable = "simulation.scenario.unreadable";

    /// <summary>The file is not YAML of the scenario's shape (unknown key, wrong type); the message names the line.</summary>
    public const string Malformed = "simulation.scenario.malformed";

    /// <summary>A value breaks a rule (range, reference, slice); the message names the key.</summary>
    public const string Invalid = "simulation.scenario.invalid";

    /// <summary>The node refused a transaction the agents sent where the scenario expects acceptance.</summary>
    public const string Refused = "simulation.run.refused";

    /// <summary>The output directory cannot be used.</summary>
    public const string Output = "simulation.run.output";
}
