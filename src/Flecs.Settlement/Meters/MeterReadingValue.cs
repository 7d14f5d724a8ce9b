namespace Flecs.Settlement.Meters;

/// <summary>One interval's metered energy (mWh, ≥ 0).</summary>
/// <param name="Import">Taken from the grid.</param>
/// <param name="Export">Fed into the grid.</param>
public readonly record struct MeterReadingValue(long Import, long Export)
{
    /// <summary>Import − export.</summary>
    public long Net => checked(Import - Export);
}
