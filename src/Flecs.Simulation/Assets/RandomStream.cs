namespace Flecs.Simulation.Assets;

/// <summary>Stream identifiers that keep the random draws of different models independent under one seed.</summary>
internal static class RandomStream
{
    public const ulong CloudRegime = 1;
    public const ulong CloudPassages = 2;
    public const ulong TemperatureAnomaly = 3;
    public const ulong Household = 4;
    public const ulong ElectricVehicle = 5;
    public const ulong HotWater = 6;
    public const ulong WindDaily = 7;
    public const ulong WindIntraday = 8;
}
