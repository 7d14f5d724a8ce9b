namespace Flecs.Simulation.Assets;

/// <summary>A rooftop PV system, PVWatts-style (Dobos 2014, NREL/TP-6A20-62641).</summary>
public sealed class PvOptions
{
    /// <summary>The DC nameplate capacity at standard test conditions (kWp).</summary>
    public double Kwp { get; init; } = 6;

    /// <summary>The module tilt from horizontal (degrees).</summary>
    public double Tilt { get; init; } = 30;

    /// <summary>The module azimuth, degrees clockwise from north (180 = south).</summary>
    public double Azimuth { get; init; } = 180;

    /// <summary>DC losses (soiling, shading, mismatch, wiring, connections, LID, nameplate, availability); PVWatts default 14 %.</summary>
    public double SystemLosses { get; init; } = 0.14;

    /// <summary>The inverter's nominal efficiency (PVWatts default 96 %).</summary>
    public double InverterEfficiency { get; init; } = 0.96;

    /// <summary>The DC-to-AC ratio; the inverter clips at <c>Kwp ÷ DcAcRatio</c> (PVWatts default 1.2).</summary>
    public double DcAcRatio { get; init; } = 1.2;

    /// <summary>The power temperature coefficient per kelvin (crystalline silicon ≈ −0.37 %/K, PVWatts "standard" module).</summary>
    public double TemperatureCoefficient { get; init; } = -0.0037;

    /// <summary>The nominal operating cell temperature (°C at 800 W/m², 20 °C air, 1 m/s wind).</summary>
    public double NoctC { get; init; } = 45;

    /// <summary>The ground reflectance (albedo) seen by the tilted modules.</summary>
    public double Albedo { get; init; } = 0.2;
}
