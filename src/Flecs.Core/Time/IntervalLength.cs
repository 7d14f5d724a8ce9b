namespace Flecs.Core.Time;

/// <summary>The length of a delivery interval: 1, 5, 15 or 60 minutes, fixed per chain in genesis.</summary>
public readonly record struct IntervalLength
{
    private IntervalLength(int minutes) => Minutes = minutes;

    /// <summary>The length in whole minutes.</summary>
    public int Minutes { get; }

    /// <summary>The length in seconds.</summary>
    public long Seconds => Minutes * 60L;

    /// <summary>The allowed lengths in minutes.</summary>
    public static IReadOnlyList<int> AllowedMinutes { get; } = [1, 5, 15, 60];

    /// <summary>Creates a length; fails for anything but 1, 5, 15 or 60 minutes.</summary>
    public static bool TryCreate(int minutes, out IntervalLength length)
    {
        length = new IntervalLength(minutes);
        return minutes is 1 or 5 or 15 or 60;
    }

    /// <summary>Creates a length; throws for anything but 1, 5, 15 or 60 minutes.</summary>
    public static IntervalLength FromMinutes(int minutes) =>
        TryCreate(minutes, out var length)
            ? length
            : throw new ArgumentOutOfRangeException(nameof(minutes), minutes, "An interval is 1, 5, 15 or 60 minutes long.");

    /// <summary>The interval containing the instant <paramref name="unixSeconds"/>.</summary>
    public DeliveryInterval IntervalAt(long unixSeconds) => new(this, Math.DivRem(unixSeconds, Seconds, out var rest) - (rest < 0 ? 1 : 0));

    /// <inheritdoc/>
    public override string ToString() => $"{Minutes} min";
}
