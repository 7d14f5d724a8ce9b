using System.Globalization;

namespace Flecs.Core.Units;

/// <summary>Exact conversion between decimal strings and fixed-point integers (no floating point).</summary>
public static class FixedPoint
{
    /// <summary>
    /// Parses an invariant-culture decimal string such as <c>"0.125"</c> into an integer scaled by
    /// 10^<paramref name="decimals"/>. Fails (rather than rounds) when the string has more fractional
    /// digits than the unit can hold, so that no input is silently changed.
    /// </summary>
    public static bool TryParse(string? text, int decimals, out long value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40)
        {
            return false;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        try
        {
            var scaled = number * Pow10(decimals);
            if (scaled != decimal.Truncate(scaled))
            {
                return false;
            }

            value = decimal.ToInt64(scaled);
            return true;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>Formats a fixed-point integer as an invariant decimal string with trailing zeros removed.</summary>
    public static string Format(long value, int decimals)
    {
        var number = value / Pow10(decimals);
        return number.ToString("0.############################", CultureInfo.InvariantCulture);
    }

    private static decimal Pow10(int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 18);
        decimal result = 1;
        for (var i = 0; i < decimals; i++)
        {
            result *= 10;
        }

        return result;
    }
}
