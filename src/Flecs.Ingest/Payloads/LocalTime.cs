using System.Globalization;
using Flecs.Core.Results;

namespace Flecs.Ingest.Payloads;

/// <summary>Reads Tasmota's <c>Time</c>: ISO 8601 local time without a zone, interpreted in a configured time zone.</summary>
/// <remarks>
/// Tasmota writes the device's local time (<c>2024-06-01T12:00:00</c>), or with <c>SetOption52 1</c> the same
/// followed by its offset. A time with an offset or <c>Z</c> is taken as it is. A local time is placed in the
/// configured IANA zone: a time that does not exist there (the hour skipped when DST starts) is
/// <see cref="IngestErrors.PayloadBadTime"/>; an ambiguous one (the hour repeated when DST ends) is taken as
/// standard time, as <see cref="TimeZoneInfo.GetUtcOffset(DateTime)"/> does.
/// </remarks>
internal static class LocalTime
{
    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];

    private static readonly string[] OffsetFormats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];

    /// <summary>Parses <paramref name="text"/> as a local time in <paramref name="zone"/>, or as a time with an offset.</summary>
    public static Result<DateTimeOffset> Parse(string text, TimeZoneInfo zone)
    {
        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            if (zone.IsInvalidTime(local))
            {
                return Result<DateTimeOffset>.Fail(IngestErrors.PayloadBadTime, $"'Time' {text} does not exist in the time zone {zone.Id} (the clocks skip it).");
            }

            try
            {
                return new DateTimeOffset(local, zone.GetUtcOffset(local));
            }
            catch (ArgumentOutOfRangeException)
            {
                return Result<DateTimeOffset>.Fail(IngestErrors.PayloadBadTime, $"'Time' {text} is out of range in the time zone {zone.Id}.");
            }
        }

        return DateTimeOffset.TryParseExact(text, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var withOffset)
            ? withOffset
            : Result<DateTimeOffset>.Fail(IngestErrors.PayloadBadTime, $"'Time' is '{EnergyNumber.Shorten(text)}', not an ISO 8601 time such as 2024-06-01T12:00:00.");
    }
}
