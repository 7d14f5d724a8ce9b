using System.Globalization;

namespace Flecs.Import;

/// <summary>Unix-time range checks and formatting for messages.</summary>
internal static class UnixTime
{
    /// <summary>0001-01-01T00:00:00Z, the earliest instant a <see cref="DateTimeOffset"/> holds.</summary>
    public const long MinSeconds = -62_135_596_800;

    /// <summary>9999-12-31T23:59:59Z, the latest whole second a <see cref="DateTimeOffset"/> holds.</summary>
    public const long MaxSeconds = 253_402_300_799;

    /// <summary>True when the interval lies within years 1–9999 (so it can be formatted and shifted without overflow).</summary>
    public static bool IsInRange(long startSeconds, long durationSeconds) =>
        startSeconds is >= MinSeconds and <= MaxSeconds
        && durationSeconds <= MaxSeconds - startSeconds;

    /// <summary>Formats an instant as <c>yyyy-MM-ddTHH:mm:ssZ</c>, or as the raw number when out of range.</summary>
    public static string Format(long unixSeconds) =>
        unixSeconds is >= MinSeconds and <= MaxSeconds
            ? DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : unixSeconds.ToString(CultureInfo.InvariantCulture) + " (Unix seconds)";
}
