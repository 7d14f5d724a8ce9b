using System.Globalization;

namespace Flecs.Core.Time;

/// <summary>A delivery (metering and settlement) interval: the <see cref="Index"/>-th interval of its length since the Unix epoch, in UTC.</summary>
/// <remarks>
/// Interval <c>i</c> of length <c>L</c> covers [<c>i·L</c>, <c>(i+1)·L</c>) seconds since 1970-01-01T00:00Z.
/// Numbering from the epoch (not from genesis) lets two chains and any meter agree on an interval
/// without shared state; intervals never straddle a UTC hour for 1, 5, 15 or 60 minutes.
/// </remarks>
/// <param name="Length">The interval length.</param>
/// <param name="Index">The index since the Unix epoch.</param>
public readonly record struct DeliveryInterval(IntervalLength Length, long Index) : IComparable<DeliveryInterval>
{
    /// <summary>The first second of the interval, since the Unix epoch.</summary>
    public long StartUnixSeconds => checked(Index * Length.Seconds);

    /// <summary>The first second after the interval, since the Unix epoch.</summary>
    public long EndUnixSeconds => checked((Index + 1) * Length.Seconds);

    /// <summary>The start as a UTC instant (presentation only).</summary>
    public DateTimeOffset Start => DateTimeOffset.FromUnixTimeSeconds(StartUnixSeconds);

    /// <summary>The next interval.</summary>
    public DeliveryInterval Next => this with { Index = checked(Index + 1) };

    /// <inheritdoc/>
    public int CompareTo(DeliveryInterval other) => Index.CompareTo(other.Index);

    /// <inheritdoc/>
    public override string ToString() => Start.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture) + "/" + Length.Minutes.ToString(CultureInfo.InvariantCulture) + "m";

    /// <summary>Compares two values.</summary>
    public static bool operator <(DeliveryInterval left, DeliveryInterval right) => left.CompareTo(right) < 0;

    /// <summary>Compares two values.</summary>
    public static bool operator >(DeliveryInterval left, DeliveryInterval right) => left.CompareTo(right) > 0;

    /// <summary>Compares two values.</summary>
    public static bool operator <=(DeliveryInterval left, DeliveryInterval right) => left.CompareTo(right) <= 0;

    /// <summary>Compares two values.</summary>
    public static bool operator >=(DeliveryInterval left, DeliveryInterval right) => left.CompareTo(right) >= 0;
}
