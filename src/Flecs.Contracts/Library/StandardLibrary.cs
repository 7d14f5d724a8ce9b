using System.Collections.Immutable;
using System.Reflection;
using Flecs.Contracts.Templates;

namespace Flecs.Contracts.Library;

/// <summary>The standard templates shipped with FLECS (docs/contracts/library/): one per contract kind of the seed, embedded in this assembly.</summary>
public static class StandardLibrary
{
    private const string Prefix = "Flecs.Contracts.Library.";

    private static readonly Lazy<ImmutableArray<Template>> Templates = new(Load);

    /// <summary>Every standard template, ordered by kind.</summary>
    public static ImmutableArray<Template> All => Templates.Value;

    /// <summary>The standard template of <paramref name="kind"/>.</summary>
    public static Template Get(string kind) =>
        All.FirstOrDefault(t => string.Equals(t.Meta.Kind, kind, StringComparison.Ordinal))
        ?? throw new KeyNotFoundException($"No standard template of kind '{kind}' (kinds: {string.Join(", ", All.Select(t => t.Meta.Kind))}).");

    /// <summary>The source of a standard template's resource, e.g. <c>p2p-fixed.js</c>.</summary>
    public static string Source(string fileName)
    {
        using var stream = typeof(StandardLibrary).Assembly.GetManifestResourceStream(Prefix + fileName)
            ?? throw new FileNotFoundException($"No embedded template '{fileName}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static ImmutableArray<Template> Load()
    {
        var assembly = typeof(StandardLibrary).GetTypeInfo().Assembly;
        var templates = new List<Template>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".js", StringComparison.Ordinal)))
        {
            var analyzed = TemplateAnalyzer.Analyze(Source(name[Prefix.Length..]));
            templates.Add(analyzed.IsSuccess ? analyzed.Value : throw new InvalidOperationException($"The standard template {name} fails analysis: {analyzed.Error}"));
        }

        return [.. templates.OrderBy(t => t.Meta.Kind, StringComparer.Ordinal)];
    }
}
