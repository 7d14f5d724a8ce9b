using System.Globalization;
using Flecs.Core.Results;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Flecs.Simulation.Scenarios;

/// <summary>Reads scenario files (docs/scenarios.md): YAML with camelCase keys, strictly (unknown keys and duplicate keys are errors), then checked by <see cref="DistrictPlan.Build"/>.</summary>
public static class ScenarioFile
{
    /// <summary>The name of the built-in default scenario (<c>flecs demo</c>).</summary>
    public const string DefaultName = "district";

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithDuplicateKeyChecking()
        .WithNodeDeserializer(new ReadOnlyCollectionDeserializer(), where => where.OnTop())
        .WithTypeConverter(new YamlDotNet.Serialization.Converters.DateOnlyConverter(CultureInfo.InvariantCulture, formats: "yyyy-MM-dd"))
        .Build();

    /// <summary>The built-in scenarios (embedded from the repository's <c>scenarios/</c> folder), by name.</summary>
    public static IReadOnlyList<string> BuiltIn { get; } = [.. typeof(ScenarioFile).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith("Flecs.Simulation.Scenarios.", StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
        .Select(n => n["Flecs.Simulation.Scenarios.".Length..^".yaml".Length])
        .Order(StringComparer.Ordinal)];

    /// <summary>Reads a scenario: a file path, or the name of a built-in scenario.</summary>
    public static Result<Scenario> Load(string pathOrName)
    {
        ArgumentNullException.ThrowIfNull(pathOrName);
        if (!File.Exists(pathOrName) && BuiltIn.Contains(pathOrName, StringComparer.Ordinal))
        {
            return Parse(ReadBuiltIn(pathOrName), pathOrName);
        }

        string text;
        try
        {
            text = File.ReadAllText(pathOrName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Result<Scenario>.Fail(ScenarioErrors.Unreadable, $"Cannot read the scenario '{pathOrName}': {ex.Message} (built-in scenarios: {string.Join(", ", BuiltIn)}).");
        }

        return Parse(text, pathOrName);
    }

    /// <summary>Parses and checks scenario YAML.</summary>
    /// <param name="yaml">The text.</param>
    /// <param name="source">The file name for messages.</param>
    public static Result<Scenario> Parse(string yaml, string source = "scenario")
    {
        ArgumentNullException.ThrowIfNull(yaml);
        Scenario? scenario;
        try
        {
            scenario = Deserializer.Deserialize<Scenario?>(yaml);
        }
        catch (YamlException ex)
        {
            var reason = ex.InnerException is { } inner ? inner.Message : ex.Message;
            return Result<Scenario>.Fail(ScenarioErrors.Malformed, $"{source}, line {ex.Start.Line.ToString(CultureInfo.InvariantCulture)}, column {ex.Start.Column.ToString(CultureInfo.InvariantCulture)}: {reason}");
        }

        if (scenario is null)
        {
            return Result<Scenario>.Fail(ScenarioErrors.Malformed, $"{source} is empty.");
        }

        var plan = DistrictPlan.Build(scenario);
        return plan.IsSuccess ? scenario : Result<Scenario>.Fail(plan.Error.Code, $"{source}: {plan.Error.Message}");
    }

    /// <summary>The text of a built-in scenario.</summary>
    public static string ReadBuiltIn(string name)
    {
        using var stream = typeof(ScenarioFile).Assembly.GetManifestResourceStream("Flecs.Simulation.Scenarios." + name + ".yaml")
            ?? throw new ArgumentException($"No built-in scenario '{name}'.", nameof(name));
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
