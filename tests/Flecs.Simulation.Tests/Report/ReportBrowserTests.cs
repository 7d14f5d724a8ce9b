using System.Globalization;
using Flecs.Simulation.Report;
using Flecs.Simulation.Results;
using Flecs.Simulation.Running;
using Flecs.Simulation.Scenarios;
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
        var ct = TestContext.Current.CancellationToken;
        await RenderAndCheckAsync(SyntheticResult.Create(), "report", ct);
    }

    /// <summary>The same checks on the report of a real run: the built-in district for 3 days at 15-minute intervals, through the node.</summary>
    [Fact(Timeout = 300_000)]
    [Trait("Category", "Integration")]
    public async Task Report_SimulatedDistrictInChromium_DrawsEveryChartWithoutConsoleErrors()
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = ScenarioFile.Load(ScenarioFile.DefaultName).Value with { Days = 3, IntervalMinutes = 15 };
        var ledger = Path.Combine(AppContext.BaseDirectory, "artifacts", "district", "ledger");
        var run = await Simulator.RunAsync(scenario, ledger, cancellationToken: ct);
        Assert.True(run.IsSuccess, run.IsSuccess ? null : run.Error.ToString());
        Assert.True(run.Value.Ledger.Verified, run.Value.Ledger.VerifyMessage);

        await RenderAndCheckAsync(run.Value, "district", ct);
    }

    private static async Task RenderAndCheckAsync(SimulationResult result, string name, CancellationToken ct)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (build/test.sh does: apt-get install -y --no-install-recommends chromium).");
        var output = Path.Combine(AppContext.BaseDirectory, "artifacts", name);
        var files = await ReportWriter.WriteAsync(result, output, ct);

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

        var screenshot = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots", name + ".png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine("Screenshot: " + screenshot);
        TestContext.Current.TestOutputHelper?.WriteLine("Report: " + files.Html);
        TestContext.Current.AddAttachment(name + ".png", await File.ReadAllBytesAsync(screenshot, ct), "image/png");

        Assert.Equal("flecs", await page.Locator("meta[name=generator]").GetAttributeAsync("content"));
        foreach (var chart in ChartNames)
        {
            var svg = page.Locator($".chart[data-chart=\"{chart}\"] svg");
            Assert.Equal(1, await svg.CountAsync());
            Assert.True(await svg.IsVisibleAsync(), chart + " is not visible");
            var box = await svg.BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.Width > 300 && box.Height > 100, string.Create(CultureInfo.InvariantCulture, $"{chart}: {box.Width} x {box.Height}"));

            var shapes = await svg.EvaluateAsync<int>("s => s.querySelectorAll('path, polyline, polygon, rect').length");
            Assert.True(shapes > 10, string.Create(CultureInfo.InvariantCulture, $"{chart}: only {shapes} shapes"));
            var drawnText = await svg.EvaluateAsync<int>("s => [...s.querySelectorAll('text')].filter(t => t.getBBox().width > 0 && t.textContent.trim().length > 0).length");
            Assert.True(drawnText >= 4, string.Create(CultureInfo.InvariantCulture, $"{chart}: {drawnText} text labels drawn (title, axis labels, ticks)"));
            if (LineCharts.TryGetValue(chart, out var points))
            {
                var longest = await svg.EvaluateAsync<int>("s => Math.max(0, ...[...s.querySelectorAll('path')].map(p => (p.getAttribute('d') || '').split(/[ML]/).length - 1))");
                Assert.True(longest >= points, string.Create(CultureInfo.InvariantCulture, $"{chart}: the longest path has {longest} points"));
            }
            else
            {
                var bars = await svg.EvaluateAsync<int>("s => [...s.querySelectorAll('rect, path')].filter(e => { const b = e.getBBox(); return b.width > 2 && b.height > 2; }).length");
                Assert.True(bars >= 4, string.Create(CultureInfo.InvariantCulture, $"{chart}: {bars} filled shapes"));
            }
        }

        Assert.Empty(errors);
        Assert.All(requests, url => Assert.StartsWith("file://", url, StringComparison.Ordinal));
        Assert.True(new FileInfo(screenshot).Length > 50_000, "the screenshot is suspiciously small");
    }
}
