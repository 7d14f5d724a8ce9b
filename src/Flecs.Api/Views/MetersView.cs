namespace Flecs.Api.Views;

/// <summary>The meters the caller may see, and the count of all meters.</summary>
/// <param name="Meters">Meters owned by the caller or by players it represents; every meter for the SA.</param>
/// <param name="Total">All registered meters.</param>
public sealed record MetersView(IReadOnlyList<MeterView> Meters, int Total);
