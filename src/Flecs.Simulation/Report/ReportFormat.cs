using System.Globalization;
using System.Net;

namespace Flecs.Simulation.Report;

/// <summary>How the report writes numbers for people: invariant culture, thousands separators, a unit chosen to keep the figure short.</summary>
internal static class ReportFormat
{
    private const string Minus = "\u2212";

    /// <summary>An energy given in kWh, as kWh, MWh or GWh.</summary>
    public static string Energy(double kwh)
    {
        var abs = Math.Abs(kwh);
        return abs switch
        {
            >= 10_000_000 => Number(kwh / 1_000_000, 2) + " GWh",
            >= 10_000 => Number(kwh / 1_000, 1) + " MWh",
            >= 100 => Number(kwh, 0) + " kWh",
            _ => Number(kwh, 1) + " kWh",
        };
    }

    /// <summary>An amount of euros: whole euros from €1,000 on, cents below.</summary>
    public static string Money(double eur)
    {
        var digits = Math.Abs(eur) >= 1_000 ? 0 : 2;
        var text = "\u20AC" + Math.Abs(eur).ToString("N" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return eur < 0 && Math.Round(Math.Abs(eur), digits) > 0 ? Minus + text : text;
    }

    /// <summary>A price in €/MWh.</summary>
    public static string Price(double eurPerMwh) => Number(eurPerMwh, 2) + " \u20AC/MWh";

    /// <summary>A share (0–1) as a percentage with one decimal.</summary>
    public static string Percent(double share) => Number(share * 100, 1) + "%";

    /// <summary>A count with thousands separators.</summary>
    public static string Count(long value) => Number(value, 0);

    /// <summary>A number with thousands separators and <paramref name="digits"/> decimals, with a true minus sign.</summary>
    public static string Number(double value, int digits)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return "\u2013";
        }

        var text = Math.Abs(value).ToString("N" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return value < 0 && Math.Round(Math.Abs(value), digits) > 0 ? Minus + text : text;
    }

    /// <summary>A UTC instant as <c>2025-06-01 00:00 UTC</c>.</summary>
    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>A wall time in seconds as <c>1 h 02 min</c>, <c>3 min 05 s</c> or <c>4.2 s</c>.</summary>
    public static string Duration(double seconds)
    {
        if (double.IsNaN(seconds) || seconds < 0)
        {
            return "\u2013";
        }

        var span = TimeSpan.FromSeconds(seconds);
        if (span.TotalHours >= 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes:00} min");
        }

        return span.TotalMinutes >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{span.Minutes} min {span.Seconds:00} s")
            : Number(seconds, 1) + " s";
    }

    /// <summary>Text for HTML content or attribute values.</summary>
    public static string Html(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);
}
