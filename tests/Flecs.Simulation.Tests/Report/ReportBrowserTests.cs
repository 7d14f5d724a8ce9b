using System.Globalization;
using Flecs.Simulation.Report;
using Microsoft.Playwright;

namespace Flecs.Simulation.Tests.Report;

/// <summary>Opens the report in a real browser (Debian's Chromium, installed by build/test.sh) and checks that every chart is drawn.</summary>
public sealed class ReportBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    /// <summary>Charts drawn as time lines, with the fewest points their longest line must have (3 days at hourly bins = 72).</summary>
    private static readonly Dictionary<string, int> LineCharts = new(StringComparer.Ordinal) { ["prices"] = 60, ["flows"] = 60, ["pv-load"] = 60 };

    private static readonly string[] ChartNames = ["prices", "flows", "pv-load", "bills", "savings", "self-sufficiency", "certificates", "contracts"];

    [Fact]
    public async Task Report_InChromium_DrawsEveryChartWithoutConsoleErrors()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (build/test.sh does: apt-get install -y --no-install-recommends chromium).");
        var ct = TestContext.Current.CancellationToken;
        var output = Path.Combine(AppContext.BaseDirectory, "artifacts", "report");
        var files = await ReportWriter.WriteAsync(SyntheticResult.Create(), output, ct);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);

        var response = await page.GotoAsync(new Uri(files.Html).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
        Assert.NotNull(response);

        var screenshot = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots", "report.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine("Screenshot: " + screenshot);
        TestContext.Current.TestOutputHelper?.WriteLine("Report: " + files.Html);
        TestContext.Current.AddAttachment("report.png", await File.ReadAllBytesAsync(screenshot, ct), "image/png");

        Assert.Equal("flecs", await page.Locator("meta[name=generator]").GetAttributeAsync("content"));
        foreach (var name in ChartNames)
        {
            var svg = page.Locator($".chart[data-chart=\"{name}\"] svg");
            Assert.Equal(1, await svg.CountAsync());
            Assert.True(await svg.IsVisibleAsync(), name + " is not visible");
            var box = await svg.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Width > 300 && box.Height > 100, string.Create(CultureInfo.InvariantCulture, $"{name}: {box.Width} x {box.Height}"));

            var shapes = await svg.EvaluateAsync<int>("s => s.querySelectorAll('path, polyline, polygon, rect').length");
            Assert.True(shapes > 10, string.Create(CultureInfo.InvariantCulture, $"{name}: only {shapes} shapes"));
            var drawnText = await svg.EvaluateAsync<int>("s => [...s.querySelectorAll('text')].filter(t => t.getBBox().width > 0 && t.textContent.trim().length > 0).length");
            Assert.True(drawnText >= 4, string.Create(CultureInfo.InvariantCulture, $"{name}: {drawnText} text labels drawn (title, axis labels, ticks)"));
            if (LineCharts.TryGetValue(name, out var points))
            {
                var longest = await svg.EvaluateAsync<int>("s => Math.max(0, ...[...s.querySelectorAll('path')].map(p => (p.getAttribute('d') || '').split(/[ML]/).length - 1))");
                Assert.True(longest >= points, string.Create(CultureInfo.InvariantCulture, $"{name}: the longest path has {longest} points"));
            }
            else
            {
                var bars = await svg.EvaluateAsync<int>("s => [...s.querySelectorAll('rect, path')].filter(e => { const b = e.getBBox(); return b.width > 2 && b.height > 2; }).length");
                Assert.True(bars >= 4, string.Create(CultureInfo.InvariantCulture, $"{name}: {bars} filled shapes"));
            }
        }

        Assert.Empty(errors);
        Assert.All(requests, url => Assert.StartsWith("file://", url, StringComparison.Ordinal));
        Assert.True(new FileInfo(screenshot).Length > 50_000, "the screenshot is suspiciously small");
    }
}
