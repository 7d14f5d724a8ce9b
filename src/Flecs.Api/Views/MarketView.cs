namespace Flecs.Api.Views;

/// <summary>The most recent closed intervals.</summary>
/// <param name="Intervals">Oldest first.</param>
public sealed record MarketView(IReadOnlyList<IntervalView> Intervals);
