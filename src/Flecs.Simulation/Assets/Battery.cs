namespace Flecs.Simulation.Assets;

/// <summary>
/// A home battery run to maximise self-consumption: it charges from PV surplus and discharges to
/// cover deficits, within its power limit and state-of-charge window; losses are split evenly
/// (√η each way), so stored energy rises by <c>P·Δt·√η</c> on charge and falls by <c>P·Δt/√η</c> on discharge.
/// </summary>
public sealed class Battery
{
    private readonly double _powerW;
    private readonly double _minKwh;
    private readonly double _maxKwh;
    private readonly double _efficiency;

    /// <summary>Creates a battery at its initial state of charge (clamped to the window).</summary>
    public Battery(BatteryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.CapacityKwh < 0 || options.PowerKw < 0)
        {
            throw new ArgumentException("Capacity and power must not be negative.", nameof(options));
        }

        if (options.MinSoc < 0 || options.MaxSoc > 1 || options.MinSoc > options.MaxSoc)
        {
            throw new ArgumentException("The SOC window must satisfy 0 ≤ MinSoc ≤ MaxSoc ≤ 1.", nameof(options));
        }

        if (options.RoundTripEfficiency is <= 0 or > 1)
        {
            throw new ArgumentException("The round-trip efficiency must be in (0, 1].", nameof(options));
        }

        Options = options;
        CapacityKwh = options.CapacityKwh;
        _powerW = options.PowerKw * 1000.0;
        _minKwh = options.MinSoc * options.CapacityKwh;
        _maxKwh = options.MaxSoc * options.CapacityKwh;
        _efficiency = Math.Sqrt(options.RoundTripEfficiency);
        SocKwh = Math.Clamp(options.InitialSoc * options.CapacityKwh, _minKwh, _maxKwh);
    }

    /// <summary>The options.</summary>
    public BatteryOptions Options { get; }

    /// <summary>The capacity (kWh).</summary>
    public double CapacityKwh { get; }

    /// <summary>The stored energy (kWh).</summary>
    public double SocKwh { get; private set; }

    /// <summary>The state of charge as a fraction of capacity.</summary>
    public double Soc => CapacityKwh > 0 ? SocKwh / CapacityKwh : 0;

    /// <summary>Runs one interval.</summary>
    /// <param name="netW">The household's net demand before the battery (load − PV): + deficit, − surplus.</param>
    /// <param name="minutes">The interval length in minutes.</param>
    public BatteryStep Step(double netW, double minutes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minutes);
        var hours = minutes / 60.0;
        if (netW < 0)
        {
            var roomW = (_maxKwh - SocKwh) * 1000.0 / (_efficiency * hours);
            var charge = Math.Max(0.0, Math.Min(Math.Min(-netW, _powerW), roomW));
            SocKwh = Math.Min(_maxKwh, SocKwh + (charge * _efficiency * hours / 1000.0));
            return new BatteryStep(netW + charge, charge, 0.0);
        }

        if (netW > 0)
        {
            var availableW = (SocKwh - _minKwh) * 1000.0 * _efficiency / hours;
            var discharge = Math.Max(0.0, Math.Min(Math.Min(netW, _powerW), availableW));
            SocKwh = Math.Max(_minKwh, SocKwh - (discharge / _efficiency * hours / 1000.0));
            return new BatteryStep(netW - discharge, 0.0, discharge);
        }

        return new BatteryStep(0.0, 0.0, 0.0);
    }
}
