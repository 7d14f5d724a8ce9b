namespace Flecs.Core.Units;

/// <summary>An amount of electrical energy in whole milliwatt-hours (mWh), signed.</summary>
/// <remarks>
/// ADR 0002: a household's one-minute flow is 5–50 Wh, so whole Wh would lose up to 10 % in a
/// pro-rata split; mWh keeps splits exact to 0.1 ‰ of such a flow. A <see cref="long"/> of mWh holds
/// ±9.2 TWh, far above any interval's or month's flow of one player. Positive values are energy
/// delivered to (imported by) the party the value belongs to unless the field says otherwise.
/// </remarks>
/// <param name="MilliwattHours">The amount in mWh.</param>
public readonly record struct EnergyQuantity(long MilliwattHours) : IComparable<EnergyQuantity>
{
    /// <summary>Milliwatt-hours per kilowatt-hour.</summary>
    public const long MilliwattHoursPerKilowattHour = 1_000_000;

    /// <summary>Decimal places of a kWh string that the unit represents exactly.</summary>
    public const int KilowattHourDecimals = 6;

    /// <summary>No energy.</summary>
    public static EnergyQuantity Zero => default;

    /// <summary>Creates a quantity from whole watt-hours.</summary>
    public static EnergyQuantity FromWattHours(long wattHours) => new(checked(wattHours * 1_000));

    /// <summary>Creates a quantity from whole kilowatt-hours.</summary>
    public static EnergyQuantity FromKilowattHours(long kilowattHours) => new(checked(kilowattHours * MilliwattHoursPerKilowattHour));

    /// <summary>Parses a kWh decimal string such as <c>"1.25"</c>; fails on more than six decimals.</summary>
    public static bool TryParseKilowattHours(string? text, out EnergyQuantity quantity)
    {
        var ok = FixedPoint.TryParse(text, KilowattHourDecimals, out var mwh);
        quantity = new EnergyQuantity(mwh);
        return ok;
    }

    /// <summary>Formats the quantity as a kWh decimal string.</summary>
    public string ToKilowattHoursString() => FixedPoint.Format(MilliwattHours, KilowattHourDecimals);

    /// <summary>The larger of two quantities.</summary>
    public static EnergyQuantity Max(EnergyQuantity a, EnergyQuantity b) => a.MilliwattHours >= b.MilliwattHours ? a : b;

    /// <summary>The smaller of two quantities.</summary>
    public static EnergyQuantity Min(EnergyQuantity a, EnergyQuantity b) => a.MilliwattHours <= b.MilliwattHours ? a : b;

    /// <summary>Adds two quantities (checked).</summary>
    public static EnergyQuantity operator +(EnergyQuantity a, EnergyQuantity b) => new(checked(a.MilliwattHours + b.MilliwattHours));

    /// <summary>Subtracts two quantities (checked).</summary>
    public static EnergyQuantity operator -(EnergyQuantity a, EnergyQuantity b) => new(checked(a.MilliwattHours - b.MilliwattHours));

    /// <summary>Negates a quantity.</summary>
    public static EnergyQuantity operator -(EnergyQuantity a) => new(checked(-a.MilliwattHours));

    /// <summary>Compares two quantities.</summary>
    public static bool operator <(EnergyQuantity a, EnergyQuantity b) => a.MilliwattHours < b.MilliwattHours;

    /// <summary>Compares two quantities.</summary>
    public static bool operator >(EnergyQuantity a, EnergyQuantity b) => a.MilliwattHours > b.MilliwattHours;

    /// <summary>Compares two quantities.</summary>
    public static bool operator <=(EnergyQuantity a, EnergyQuantity b) => a.MilliwattHours <= b.MilliwattHours;

    /// <summary>Compares two quantities.</summary>
    public static bool operator >=(EnergyQuantity a, EnergyQuantity b) => a.MilliwattHours >= b.MilliwattHours;

    /// <inheritdoc/>
    public int CompareTo(EnergyQuantity other) => MilliwattHours.CompareTo(other.MilliwattHours);

    /// <inheritdoc/>
    public override string ToString() => $"{ToKilowattHoursString()} kWh";
}
