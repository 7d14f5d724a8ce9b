using Flecs.Contracts.Runtime;
using Flecs.Contracts.Templates;
using Flecs.Contracts.Values;

namespace Flecs.Contracts.Tests.Sandbox;

/// <summary>Builds small templates and series for sandbox tests.</summary>
internal static class Templates
{
    public const string Meta = """
        export const meta = { name: "t", version: "1", kind: "test", parties: ["a", "b"], meters: ["a"], params: {} };
        """;

    /// <summary>A template whose interval body is <paramref name="body"/> (plus optional top-level code).</summary>
    public static string WithBody(string body, string topLevel = "") =>
        Meta + "\n" + topLevel + "\nexport function interval(ctx) {\n" + body + "\n}\n";

    public static Template Analyze(string source)
    {
        var analyzed = TemplateAnalyzer.Analyze(source);
        Assert.True(analyzed.IsSuccess, analyzed.IsSuccess ? string.Empty : analyzed.Error.ToString());
        return analyzed.Value;
    }

    public static SeriesInput Series(int count = 1, string meters = """{ "a": { "import": 0, "export": 1000 } }""", string prices = "{}")
    {
        var json = $$"""{ "start": "2026-01-01T00:00Z", "minutes": 15, "count": {{count}}, "meters": {{meters}}, "prices": {{prices}} }""";
        var series = SeriesInput.FromValue(ContractValue.ParseJson(json).Value);
        Assert.True(series.IsSuccess, series.IsSuccess ? string.Empty : series.Error.ToString());
        return series.Value;
    }

    public static Flecs.Core.Results.Result<IReadOnlyList<IntervalOutcome>> Run(Template template, int count = 1, string parameters = "{}", ContractRuntime? runtime = null) =>
        (runtime ?? new ContractRuntime()).RunSeries(template, ContractValue.ParseJson(parameters).Value, null, Series(count));
}
