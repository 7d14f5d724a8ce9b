using Flecs.Simulation.Results;

namespace Flecs.Simulation.Report;

/// <summary>The contracts of one template, added up.</summary>
/// <param name="Template">The template name.</param>
/// <param name="Count">Contracts.</param>
/// <param name="Energy">Energy delivered (kWh).</param>
/// <param name="Money">Money paid (€).</param>
/// <param name="Certificates">Certificates transferred.</param>
/// <param name="Failures">Failed intervals.</param>
/// <param name="Statuses">Contracts per final status, e.g. "live 3, expired 1".</param>
internal sealed record TemplateFigures(string Template, int Count, double Energy, double Money, long Certificates, long Failures, string Statuses)
{
    /// <summary>Adds up the contracts per template, ordered by template name.</summary>
    public static IReadOnlyList<TemplateFigures> From(IReadOnlyList<ContractFigures> contracts) =>
        [.. contracts
            .GroupBy(c => c.Template, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new TemplateFigures(
                g.Key,
                g.Count(),
                g.Sum(c => c.Energy),
                g.Sum(c => c.Money),
                g.Sum(c => c.Certificates),
                g.Sum(c => (long)c.Failures),
                string.Join(", ", g.GroupBy(c => c.Status, StringComparer.Ordinal).OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key + " " + ReportFormat.Count(s.Count())))))];
}
