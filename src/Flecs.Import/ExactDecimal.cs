using Flecs.Core.Units;

namespace Flecs.Import;

/// <summary>Strict, exact parsing of non-negative decimal text into a scaled integer.</summary>
internal static class ExactDecimal
{
    /// <summary>
    /// Parses <paramref name="text"/> (digits, optionally <paramref name="decimalMark"/> and more digits)
    /// into an integer scaled by 10^<paramref name="decimals"/>, never rounding.
    /// </summary>
    public static DecimalParseStatus TryParse(string text, char decimalMark, int decimals, out long value)
    {
        value = 0;
        var mark = text.IndexOf(decimalMark, StringComparison.Ordinal);
        var integerPart = mark < 0 ? text : text[..mark];
        var fractionPart = mark < 0 ? string.Empty : text[(mark + 1)..];
        if (integerPart.Length == 0 || !IsDigits(integerPart) || (mark >= 0 && (fractionPart.Length == 0 || !IsDigits(fractionPart))))
        {
            return DecimalParseStatus.Malformed;
        }

        if (fractionPart.TrimEnd('0').Length > decimals)
        {
            return DecimalParseStatus.Inexact;
        }

        var normalized = mark < 0 ? integerPart : integerPart + "." + fractionPart;
        return FixedPoint.TryParse(normalized, decimals, out value) ? DecimalParseStatus.Parsed : DecimalParseStatus.TooLarge;
    }

    private static bool IsDigits(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
