namespace Flecs.Core.Units;

/// <summary>An amount of money in whole micro-units (10⁻⁶) of the chain's currency, signed.</summary>
/// <remarks>
/// ADR 0002: the currency is fixed per chain in genesis (for example EUR), so an amount carries no
/// currency of its own. Micro-units keep a one-minute interval's value exact to far below a cent;
/// a <see cref="long"/> holds ±9.2 × 10¹² currency units. Rounding to cents happens only on
/// invoices, at a named point, with <see cref="Rounding.DivideHalfEven"/>.
/// </remarks>
/// <param name="Micros">The amount in micro-units.</param>
public readonly record struct Money(long Micros) : IComparable<Money>
{
    /// <summary>Micro-units per currency unit.</summary>
    public const long MicrosPerUnit = 1_000_000;

    /// <summary>Decimal places of a currency string that the unit represents exactly.</summary>
    public const int UnitDecimals = 6;

    /// <summary>No money.</summary>
    public static Money Zero => default;

    /// <summary>Creates an amount from whole currency units.</summary>
    public static Money FromUnits(long units) => new(checked(units * MicrosPerUnit));

    /// <summary>Parses a currency decimal string such as <c>"12.50"</c>; fails on more than six decimals.</summary>
    public static bool TryParse(string? text, out Money money)
    {
        var ok = FixedPoint.TryParse(text, UnitDecimals, out var micros);
        money = new Money(micros);
        return ok;
    }

    /// <summary>Formats the amount as a currency decimal string.</summary>
    public string ToUnitsString() => FixedPoint.Format(Micros, UnitDecimals);

    /// <summary>Adds two amounts (checked).</summary>
    public static Money operator +(Money a, Money b) => new(checked(a.Micros + b.Micros));

    /// <summary>Subtracts two amounts (checked).</summary>
    public static Money operator -(Money a, Money b) => new(checked(a.Micros - b.Micros));

    /// <summary>Negates an amount.</summary>
    public static Money operator -(Money a) => new(checked(-a.Micros));

    /// <summary>Compares two amounts.</summary>
    public static bool operator <(Money a, Money b) => a.Micros < b.Micros;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >(Money a, Money b) => a.Micros > b.Micros;

    /// <summary>Compares two amounts.</summary>
    public static bool operator <=(Money a, Money b) => a.Micros <= b.Micros;

    /// <summary>Compares two amounts.</summary>
    public static bool operator >=(Money a, Money b) => a.Micros >= b.Micros;

    /// <inheritdoc/>
    public int CompareTo(Money other) => Micros.CompareTo(other.Micros);

    /// <inheritdoc/>
    public override string ToString() => ToUnitsString();
}
