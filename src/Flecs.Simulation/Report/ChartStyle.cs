using System.Globalization;
using System.Text.RegularExpressions;
using ScottPlot;

namespace Flecs.Simulation.Report;

/// <summary>The report's chart look (palette, fonts, sizes) and the step from a ScottPlot <see cref="Plot"/> to inline SVG.</summary>
internal static partial class ChartStyle
{
    /// <summary>Default chart width (px; the SVG scales to the page).</summary>
    public const int Width = 960;

    /// <summary>Default chart height (px).</summary>
    public const int Height = 380;

    /// <summary>What the browser falls back to when the font the chart was measured with is missing.</summary>
    private const string FontFallback = "'DejaVu Sans', 'Liberation Sans', 'Helvetica Neue', Arial, sans-serif";

    /// <summary>MPM price.</summary>
    public static readonly Color Mpm = Color.FromHex("#1F4E79");

    /// <summary>SPM price.</summary>
    public static readonly Color Spm = Color.FromHex("#E4572E");

    /// <summary>Self-consumption.</summary>
    public static readonly Color Self = Color.FromHex("#2E9E6A");

    /// <summary>P2P and PPA deliveries.</summary>
    public static readonly Color P2p = Color.FromHex("#7B5EA7");

    /// <summary>Grid import.</summary>
    public static readonly Color Import = Color.FromHex("#64748B");

    /// <summary>Grid export.</summary>
    public static readonly Color Export = Color.FromHex("#38A3D1");

    /// <summary>PV generation.</summary>
    public static readonly Color Pv = Color.FromHex("#E9A23B");

    /// <summary>Household load.</summary>
    public static readonly Color Load = Color.FromHex("#1F2937");

    /// <summary>What was paid.</summary>
    public static readonly Color Cost = Color.FromHex("#E4572E");

    /// <summary>The retail-tariff baseline.</summary>
    public static readonly Color Baseline = Color.FromHex("#A3B1C6");

    /// <summary>A single-series accent.</summary>
    public static readonly Color Accent = Color.FromHex("#2563EB");

    private static readonly Color Ink = Color.FromHex("#1F2937");
    private static readonly Color Muted = Color.FromHex("#4B5563");
    private static readonly Color GridLine = Color.FromHex("#E5E7EB");
    private static readonly Color Frame = Color.FromHex("#9CA3AF");

    /// <summary>The first sans-serif font the chart renderer has, or null to keep ScottPlot's choice.</summary>
    private static readonly string? SansFont = FindSansFont();

    /// <summary>A new plot with the report's look, a title and axis labels.</summary>
    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        if (SansFont is not null)
        {
            plot.Font.Set(SansFont);
        }

        plot.FigureBackground.Color = Colors.White;
        plot.DataBackground.Color = Colors.White;
        plot.Grid.MajorLineColor = GridLine;
        plot.Axes.FrameColor(Frame);
        plot.Title(title, 17);
        plot.Axes.Title.Label.ForeColor = Ink;
        plot.XLabel(xLabel, 13);
        plot.YLabel(yLabel, 13);
        foreach (var axis in plot.Axes.GetAxes())
        {
            StyleAxis(axis);
        }

        plot.Legend.FontSize = 12;
        plot.Legend.OutlineColor = GridLine;
        plot.Legend.FontColor = Ink;
        plot.Legend.ShadowColor = Colors.Transparent;
        plot.Legend.Padding = new PixelPadding(8, 18, 4, 4);
        return plot;
    }

    /// <summary>Turns the bottom axis into a date axis (UTC): days as <c>Jun 2</c>, times of day as <c>12:00</c>.</summary>
    public static void DateAxis(Plot plot, string label)
    {
        var axis = plot.Axes.DateTimeTicksBottom();
        if (axis.TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic automatic)
        {
            automatic.LabelFormatter = d => d.TimeOfDay == TimeSpan.Zero
                ? d.ToString("MMM d", CultureInfo.InvariantCulture)
                : d.ToString("HH:mm", CultureInfo.InvariantCulture);
        }

        plot.XLabel(label, 13);
        StyleAxis(axis);
    }

    /// <summary>Shows the legend under the chart, in one row.</summary>
    public static void LegendBelow(Plot plot)
    {
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.Orientation = Orientation.Horizontal;
    }

    /// <summary>Puts text in the middle of an empty chart (it still has its title and axes).</summary>
    public static void NoData(Plot plot, string text)
    {
        var note = plot.Add.Annotation(text, Alignment.MiddleCenter);
        note.LabelFontSize = 15;
        note.LabelFontColor = Muted;
        note.LabelBackgroundColor = Colors.White;
        note.LabelBorderColor = GridLine;
        note.LabelShadowColor = Colors.Transparent;
        plot.Axes.SetLimits(0, 1, 0, 1);
    }

    /// <summary>Labels the x axis with categories at 0, 1, 2…, turned when there are many.</summary>
    public static void Categories(Plot plot, IReadOnlyList<string> labels)
    {
        var positions = Enumerable.Range(0, labels.Count).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(positions, [.. labels]);
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Grid.XAxisStyle.IsVisible = false;
        var longest = labels.Count > 0 ? labels.Max(l => l.Length) : 0;
        if (labels.Count > 8 || longest * labels.Count > 90)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            plot.Axes.Bottom.MinimumSize = Math.Min(160, 24 + (longest * 7));
        }

        plot.Axes.SetLimitsX(-0.7, labels.Count - 0.3);
    }

    /// <summary>Renders the plot as an inline <c>&lt;svg&gt;</c>: no XML declaration, a viewBox so it scales, a font fallback list, and an accessible name.</summary>
    public static string ToSvg(Plot plot, string name, int width = Width, int height = Height)
    {
        var svg = plot.GetSvgXml(width, height);
        var open = svg.IndexOf("<svg", StringComparison.Ordinal);
        if (open > 0)
        {
            svg = svg[open..];
        }

        var size = string.Create(CultureInfo.InvariantCulture, $"width=\"{width}\" height=\"{height}\"");
        var replacement = string.Create(
            CultureInfo.InvariantCulture,
            $"width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" preserveAspectRatio=\"xMidYMid meet\" role=\"img\" aria-label=\"{ReportFormat.Html(name)}\"");
        var at = svg.IndexOf(size, StringComparison.Ordinal);
        if (at >= 0)
        {
            svg = string.Concat(svg.AsSpan(0, at), replacement, svg.AsSpan(at + size.Length));
        }

        // Legend rows are clipped to the text's measured height, which shaves the tops of tall glyphs (f, l) in browsers: give small clips room.
        svg = SmallClip().Replace(svg, m =>
        {
            var y = double.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            var h = double.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
            return h >= 40
                ? m.Value
                : string.Create(CultureInfo.InvariantCulture, $"{m.Groups["head"].Value}y=\"{y - 4}\"{m.Groups["mid"].Value}height=\"{h + 8}\"");
        });

        // Ids are global in an HTML page: each chart's clip paths get its own prefix so charts never clip one another.
        svg = Reference().Replace(svg, m => m.Groups["attribute"].Value + "chart-" + name + "-" + m.Groups["id"].Value);
        return FontFamily().Replace(svg, m => "font-family=\"" + m.Groups["family"].Value + ", " + FontFallback + "\"").Trim();
    }

    private static void StyleAxis(IAxis axis)
    {
        axis.Label.ForeColor = Muted;
        axis.Label.Bold = false;
        axis.TickLabelStyle.FontSize = 12;
        axis.TickLabelStyle.ForeColor = Muted;
        axis.MajorTickStyle.Color = Frame;
        axis.MinorTickStyle.Length = 0;
        axis.FrameLineStyle.Color = Frame;
    }

    private static string? FindSansFont()
    {
        try
        {
            foreach (var name in new[] { "DejaVu Sans", "Liberation Sans", "Noto Sans", "Arial", "Helvetica" })
            {
                var typeface = Fonts.GetTypeface(name, bold: false, italic: false);
                if (typeface is not null && string.Equals(typeface.FamilyName, name, StringComparison.OrdinalIgnoreCase))
                {
                    return name;
                }
            }
        }
        catch (Exception e) when (e is InvalidOperationException or DllNotFoundException or TypeInitializationException)
        {
            // No font back end: ScottPlot keeps its own default and the browser picks from the fallback list.
        }

        return null;
    }

    [GeneratedRegex("(?<attribute>\\bid=\"|url\\(#|href=\"#)(?<id>[A-Za-z_][\\w.-]*)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Reference();

    [GeneratedRegex("(?<head><clipPath [^>]*>\\s*<rect [^>]*?)y=\"(?<y>[-0-9.]+)\"(?<mid>[^>]*?)height=\"(?<h>[0-9.]+)\"", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex SmallClip();

    [GeneratedRegex("font-family=\"(?<family>[^\"]*)\"", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex FontFamily();
}
