namespace Flecs.Core.Units;

/// <summary>An electrical power in whole watts, signed.</summary>
/// <remarks>Used for connection limits and ratings.</remarks>
/// <param name="Watts">The power in W.</param>
public readonly record struct Power(long Watts) : IComparable<Power>
{
    /// <summary>Creates a power from whole kilowatts.</summary>
    public static Power FromKilowatts(long kilowatts) => new(checked(kilowatts * 1_000));

    /// <summary>The energy delivered at this power over <paramref name="minutes"/> whole minutes, rounded half to even to a mWh.</summary>
    public EnergyQuantity EnergyOver(int minutes) => new(Rounding.DivideHalfEven((Int128)Watts * minutes * 1_000, 60));

    /// <inheritdoc/>
    public int CompareTo(Power other) => Watts.CompareTo(other.Watts);

    /// <inheritdoc/>
    public override string ToString() => $"{Watts} W";

    /// <summary>Compares two values.</summary>
    public static bool operator <(Power left, Power right) => left.CompareTo(right) < 0;

    /// <summary>Compares two values.</summary>
    public static bool operator >(Power left, Power right) => left.CompareTo(right) > 0;

    /// <summary>Compares two values.</summary>
    public static bool operator <=(Power left, Power right) => left.CompareTo(right) <= 0;

    /// <summary>Compares two values.</summary>
    public static bool operator >=(Power left, Power right) => left.CompareTo(right) >= 0;
}
