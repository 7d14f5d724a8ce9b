namespace Flecs.Simulation;

/// <summary>Random streams of the scenario and the agents (the asset models have theirs in <c>Assets.RandomStream</c>): one seed, independent draws.</summary>
internal static class SimulationStreams
{
    public const ulong HouseholdSizes = 101;
    public const ulong Outages = 102;
    public const ulong BadReadings = 103;
    public const ulong Prices = 104;
    public const ulong Hydro = 105;
    public const ulong BusinessSeedOffset = 1UL << 32;
    public const ulong GeneratorSeedOffset = 1UL << 33;
}
