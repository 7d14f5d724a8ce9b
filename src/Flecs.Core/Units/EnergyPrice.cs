namespace Flecs.Core.Units;

/// <summary>A price of energy in micro-units of the chain's currency per kilowatt-hour, signed.</summary>
/// <remarks>
/// ADR 0002: 0.123456 EUR/kWh is exact (0.001 EUR/MWh resolution). Prices may be negative
/// (day-ahead markets clear below zero in sunny, windy hours). The value of energy at a price is
/// <c>mWh × µ/kWh / 10⁶</c>, rounded half to even by <see cref="ValueOf"/>: the one multiplication
/// rule in the ledger.
/// </remarks>
/// <param name="MicrosPerKilowattHour">The price in micro-units per kWh.</param>
public readonly record struct EnergyPrice(long MicrosPerKilowattHour) : IComparable<EnergyPrice>
{
    /// <summary>Decimal places of a price string that the unit represents exactly.</summary>
    public const int Decimals = 6;

    /// <summary>A price of zero.</summary>
    public static EnergyPrice Zero => default;

    /// <summary>Creates a price from a whole number of currency units per megawatt-hour (e.g. 85 EUR/MWh).</summary>
    public static EnergyPrice FromUnitsPerMegawattHour(long unitsPerMegawattHour) => new(checked(unitsPerMegawattHour * 1_000));

    /// <summary>Parses a per-kWh decimal string such as <c>"0.12"</c>; fails on more than six decimals.</summary>
    public static bool TryParsePerKilowattHour(string? text, out EnergyPrice price)
    {
        var ok = FixedPoint.TryParse(text, Decimals, out var micros);
        price = new EnergyPrice(micros);
        return ok;
    }

    /// <summary>Formats the price as a per-kWh decimal string.</summary>
    public string ToPerKilowattHourString() => FixedPoint.Format(MicrosPerKilowattHour, Decimals);

    /// <summary>The value of <paramref name="energy"/> at this price, rounded half to even to a micro-unit.</summary>
    public Money ValueOf(EnergyQuantity energy) =>
        new(Rounding.DivideHalfEven((Int128)energy.MilliwattHours * MicrosPerKilowattHour, EnergyQuantity.MilliwattHoursPerKilowattHour));

    /// <summary>Adds two prices (checked).</summary>
    public static EnergyPrice operator +(EnergyPrice a, EnergyPrice b) => new(checked(a.MicrosPerKilowattHour + b.MicrosPerKilowattHour));

    /// <summary>Subtracts two prices (checked).</summary>
    public static EnergyPrice operator -(EnergyPrice a, EnergyPrice b) => new(checked(a.MicrosPerKilowattHour - b.MicrosPerKilowattHour));

    /// <summary>Compares two prices.</summary>
    public static bool operator <(EnergyPrice a, EnergyPrice b) => a.MicrosPerKilowattHour < b.MicrosPerKilowattHour;

    /// <summary>Compares two prices.</summary>
    public static bool operator >(EnergyPrice a, EnergyPrice b) => a.MicrosPerKilowattHour > b.MicrosPerKilowattHour;

    /// <summary>Compares two prices.</summary>
    public static bool operator <=(EnergyPrice a, EnergyPrice b) => a.MicrosPerKilowattHour <= b.MicrosPerKilowattHour;

    /// <summary>Compares two prices.</summary>
    public static bool operator >=(EnergyPrice a, EnergyPrice b) => a.MicrosPerKilowattHour >= b.MicrosPerKilowattHour;

    /// <inheritdoc/>
    public int CompareTo(EnergyPrice other) => MicrosPerKilowattHour.CompareTo(other.MicrosPerKilowattHour);

    /// <inheritdoc/>
    public override string ToString() => $"{ToPerKilowattHourString()}/kWh";
}
