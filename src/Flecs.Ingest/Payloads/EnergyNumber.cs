using System.Globalization;
using System.Text.Json;
using Flecs.Core.Results;
using Flecs.Core.Units;

namespace Flecs.Ingest.Payloads;

/// <summary>Reads a device's energy counter (a JSON number or a plain-text number) exactly, as whole mWh.</summary>
/// <remarks>
/// The number's text is parsed as a <see cref="decimal"/> (28 significant digits, so <c>514.153</c> is exactly
/// 514.153, never the nearest binary double), scaled to mWh and rounded half to even (ADR 0002's one rounding rule).
/// Tasmota prints kWh with at most 3–5 decimals and Shelly prints Wh with at most 2, so rounding only ever removes
/// float noise such as <c>514.15299999999999</c>. No <see cref="double"/> is involved.
/// </remarks>
internal static class EnergyNumber
{
    /// <summary>mWh per kWh.</summary>
    public const long PerKilowattHour = EnergyQuantity.MilliwattHoursPerKilowattHour;

    /// <summary>mWh per Wh.</summary>
    public const long PerWattHour = 1_000;

    private const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    /// <summary>Reads a counter from a JSON number (or an array of numbers, which are summed: Tasmota's per-phase totals).</summary>
    public static Result<long> Read(JsonElement element, long milliwattHoursPerUnit, string name)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            long sum = 0;
            foreach (var item in element.EnumerateArray())
            {
                var part = Read(item, milliwattHoursPerUnit, name);
                if (!part.IsSuccess)
                {
                    return part;
                }

                if (long.MaxValue - sum < part.Value)
                {
                    return OutOfRange(name, element.GetRawText());
                }

                sum += part.Value;
            }

            return sum;
        }

        return element.ValueKind == JsonValueKind.Number
            ? Parse(element.GetRawText(), milliwattHoursPerUnit, name)
            : Result<long>.Fail(IngestErrors.PayloadBadNumber, $"'{name}' is {element.ValueKind.ToString().ToLowerInvariant()}, not a number.");
    }

    /// <summary>Parses a plain decimal number such as <c>120345.7</c> (optionally with an exponent) into mWh.</summary>
    public static Result<long> Parse(string text, long milliwattHoursPerUnit, string name)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0 || trimmed.Length > 64 || !decimal.TryParse(trimmed, Style, CultureInfo.InvariantCulture, out var value))
        {
            return Result<long>.Fail(IngestErrors.PayloadBadNumber, $"'{name}' is '{Shorten(trimmed)}', not a number.");
        }

        if (value < 0)
        {
            return Result<long>.Fail(IngestErrors.PayloadNegative, $"'{name}' is {trimmed}; a cumulative energy counter is never negative.");
        }

        if (value > long.MaxValue / milliwattHoursPerUnit)
        {
            return OutOfRange(name, trimmed);
        }

        return (long)decimal.Round(value * milliwattHoursPerUnit, 0, MidpointRounding.ToEven);
    }

    /// <summary>Parses Unix seconds with an optional fraction (Shelly's <c>ts</c>) into a time, rounded half to even to the millisecond.</summary>
    public static Result<DateTimeOffset> ParseUnixSeconds(JsonElement element, string name)
    {
        const long MaxUnixMilliseconds = 253_402_300_799_999;
        if (element.ValueKind != JsonValueKind.Number
            || !decimal.TryParse(element.GetRawText(), Style, CultureInfo.InvariantCulture, out var seconds)
            || seconds < 0
            || seconds * 1_000 > MaxUnixMilliseconds)
        {
            return Result<DateTimeOffset>.Fail(IngestErrors.PayloadBadTime, $"'{name}' is {Shorten(element.GetRawText())}, not Unix seconds between 1970 and 9999.");
        }

        return DateTimeOffset.FromUnixTimeMilliseconds((long)decimal.Round(seconds * 1_000, 0, MidpointRounding.ToEven));
    }

    /// <summary>Cuts text to a length fit for a log line.</summary>
    public static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static Result<long> OutOfRange(string name, string text) =>
        Result<long>.Fail(IngestErrors.PayloadBadNumber, $"'{name}' is {Shorten(text)}, beyond a 64-bit count of mWh.");
}
