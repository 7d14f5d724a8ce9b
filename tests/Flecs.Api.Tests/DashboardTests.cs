using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Flecs.Contracts.Library;
using Flecs.Contracts.Lifecycle;
using Flecs.Contracts.Values;
using Flecs.Core.Identity;
using Flecs.Core.Units;
using Flecs.Ledger.Players;
using Flecs.Market.Clearing;
using Flecs.Market.Interface;
using Flecs.Node.Sequencing;
using Flecs.Settlement;
using Flecs.Settlement.Close;
using Flecs.Settlement.Config;
using Flecs.Settlement.Meters;
using Flecs.Testing;
using Microsoft.Playwright;

namespace Flecs.Api.Tests;

/// <summary>
/// Opens the node's dashboard in a real browser (Debian's Chromium, installed by build/test.sh) against a node served
/// over HTTP: blocks arrive live over the block stream, the SA view lists the players, the market charts draw the
/// closed intervals, and the page logs no console error and no failed request.
/// </summary>
public sealed class DashboardTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const float WaitMs = 20_000;

    [Fact(Timeout = 180_000)]
    public async Task Dashboard_SaSession_ShowsNewBlocksLiveThePlayersAndTheMarketWithoutConsoleErrors()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var node = await ApiNode.StartAsync(intervalMinutes: 1);
        var market = await SettledMarket.CreateAsync(node, ct);
        await market.CloseAsync(market.Start + 4, ct);
        var token = await SessionTokenAsync(node, node.Sa, ct);

        await using var browser = await DashboardBrowser.OpenAsync(node.Address);
        var page = browser.Page;
        await page.GotoAsync(new Uri(node.Address, "dashboard/#token=" + Uri.EscapeDataString(token)).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
        await page.Locator("body[data-ready='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = WaitMs });

        // The blocks table shows the head; the header the chain, the role and the verify status; the token left the URL.
        var head = node.Node.Head.Height;
        await page.Locator(BlockRow(head)).WaitForAsync(new() { Timeout = WaitMs });
        Assert.Equal((int)Math.Min(20, head + 1), await page.Locator("#blocks tbody tr").CountAsync());
        Assert.Equal(node.Node.Genesis.ChainId, await page.Locator("#chain-id").TextContentAsync());
        Assert.Equal("validator", await page.Locator("#node-role").TextContentAsync());
        Assert.DoesNotContain("token=", page.Url, StringComparison.Ordinal);
        Assert.StartsWith(node.Sa.Id.Value + " (supervising-authority)", await page.Locator("#caller").TextContentAsync(), StringComparison.Ordinal);
        await page.Locator("#live[data-state='live']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = WaitMs });
        await page.Locator("#verify[data-state='ok']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = WaitMs });

        // The charts draw the five closed intervals.
        Assert.True(await page.Locator("#market-empty").IsHiddenAsync());
        Assert.Equal(5, await page.Locator("#intervals tbody tr").CountAsync());
        Assert.Equal(1, await page.Locator(".chart[data-chart='prices'] svg path.s-mpm").CountAsync());
        Assert.Equal(1, await page.Locator(".chart[data-chart='flows'] svg path.s-import").CountAsync());
        var box = await page.Locator(".chart[data-chart='prices'] svg").BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Width > 300 && box.Height > 100, string.Create(CultureInfo.InvariantCulture, $"prices: {box.Width} x {box.Height}"));

        // New blocks (a player's registration and authorization, a close) appear without a reload, through the block stream.
        await page.EvaluateAsync("() => { document.body.dataset.marker = 'same-page'; }");
        await node.AddPlayerAsync("p3", PlayerRole.Prosumer);
        await market.CloseAsync(market.Start + 9, ct);
        var newHead = node.Node.Head.Height;
        Assert.True(newHead >= head + 3);
        for (var h = head + 1; h <= newHead; h++)
        {
            await page.Locator(BlockRow(h)).WaitForAsync(new() { Timeout = WaitMs });
        }

        Assert.Equal("same-page", await page.Locator("body").GetAttributeAsync("data-marker"));
        Assert.Equal(newHead.ToString("N0", CultureInfo.InvariantCulture), await page.Locator("#head-height").TextContentAsync());
        Assert.Equal((int)Math.Min(20, newHead + 1), await page.Locator("#blocks tbody tr").CountAsync());
        Assert.Equal(newHead.ToString(CultureInfo.InvariantCulture), await page.Locator("#blocks tbody tr").First.GetAttributeAsync("data-height"));

        // The refresh after the new blocks redraws the market (ten intervals now) and the SA view lists every player.
        await page.Locator($"#intervals tbody tr[data-interval='{market.Start + 9}']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = WaitMs });
        await page.Locator("#players-table tbody tr[data-player='p3']").WaitForAsync(new() { Timeout = WaitMs });
        foreach (var id in new[] { node.Sa.Id.Value, "mo", "tradco", "distco", "p1", "p2", "p3" })
        {
            Assert.Equal(1, await page.Locator($"#players-table tbody tr[data-player='{id}']").CountAsync());
        }

        Assert.Contains("prosumer", await page.Locator("#players-table tbody tr[data-player='p1']").TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator("#operator-table").IsVisibleAsync());
        Assert.Equal("1", await page.Locator("#contracts-total").TextContentAsync());
        Assert.Contains("p2p-fixed", await page.Locator("#contracts-by-kind").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("seller: p1", await page.Locator("#contracts-table tbody tr").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("certified", await page.Locator("#templates-table tbody tr").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains(browser.Requests, url => url.Contains("/api/v1/events/blocks", StringComparison.Ordinal));

        // A block's transactions, with senders (the SA sees them), and the lookup of one of them.
        await page.Locator(BlockRow(newHead) + " button").ClickAsync();
        var firstTx = page.Locator("#block-detail .block-transactions tbody tr").First;
        await firstTx.WaitForAsync(new() { Timeout = WaitMs });
        Assert.Contains("close-intervals", await firstTx.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("accepted", await firstTx.TextContentAsync(), StringComparison.Ordinal);
        await firstTx.Locator("button").ClickAsync();
        await page.Locator("#tx-table").WaitForAsync(new() { Timeout = WaitMs });
        Assert.Contains(newHead.ToString(CultureInfo.InvariantCulture), await page.Locator("#tx-table").TextContentAsync(), StringComparison.Ordinal);

        await browser.ScreenshotAsync("dashboard-sa", ct);
        browser.AssertNoErrors();
    }

    [Fact(Timeout = 120_000)]
    public async Task Dashboard_Anonymous_ShowsCountsAndPublicDataWithoutConsoleErrors()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var node = await ApiNode.StartAsync();
        await node.AddPlayerAsync("p1", PlayerRole.Prosumer);
        await node.AddPlayerAsync("tradco", PlayerRole.TradingCompany);
        var players = await node.Anonymous().GetFromJsonAsync<JsonElement>("api/v1/players", ct);

        await using var browser = await DashboardBrowser.OpenAsync(node.Address);
        var page = browser.Page;
        await page.GotoAsync(new Uri(node.Address, "dashboard/").AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
        await page.Locator("body[data-ready='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = WaitMs });
        await page.Locator(BlockRow(node.Node.Head.Height)).WaitForAsync(new() { Timeout = WaitMs });

        Assert.StartsWith("anonymous", await page.Locator("#caller").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(players.GetProperty("total").GetInt32().ToString(CultureInfo.InvariantCulture), await page.Locator("#players-total").TextContentAsync());
        Assert.Equal(0, players.GetProperty("players").GetArrayLength());
        Assert.Contains("prosumer", await page.Locator("#players-by-role").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("authorized", await page.Locator("#players-by-status").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("0", await page.Locator("#contracts-total").TextContentAsync());
        Assert.Equal("0", await page.Locator("#invoices-total").TextContentAsync());
        Assert.Contains("Sign in", await page.Locator("#players-list").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#players-table").CountAsync());
        Assert.True(await page.Locator("#operator").IsHiddenAsync());
        Assert.True(await page.Locator("#market-empty").IsVisibleAsync());
        Assert.True(await page.Locator("#signout").IsHiddenAsync());

        // A new block arrives live; its transactions show without senders (anonymous sees no sender).
        var head = node.Node.Head.Height;
        await node.AddPlayerAsync("p2", PlayerRole.Prosumer);
        await page.Locator(BlockRow(head + 1)).WaitForAsync(new() { Timeout = WaitMs });
        await page.Locator(BlockRow(head + 1) + " button").ClickAsync();
        var tx = page.Locator("#block-detail .block-transactions tbody tr").First;
        await tx.WaitForAsync(new() { Timeout = WaitMs });
        Assert.Contains("not visible", await tx.TextContentAsync(), StringComparison.Ordinal);
        await page.Locator("#players-total").Filter(new() { HasText = (players.GetProperty("total").GetInt32() + 1).ToString(CultureInfo.InvariantCulture) }).WaitForAsync(new() { Timeout = WaitMs });

        await browser.ScreenshotAsync("dashboard-anonymous", ct);
        browser.AssertNoErrors();
    }

    [Fact(Timeout = 120_000)]
    public async Task Dashboard_UnknownToken_SignsOutAndShowsTheProblemCode()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var node = await ApiNode.StartAsync();

        await using var browser = await DashboardBrowser.OpenAsync(node.Address);
        var page = browser.Page;
        await page.GotoAsync(new Uri(node.Address, "dashboard/#token=not-a-session").AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
        await page.Locator("#notice").Filter(new() { HasText = ApiErrors.AuthBadToken }).WaitForAsync(new() { Timeout = WaitMs });
        await page.Locator("#caller").Filter(new() { HasText = "anonymous" }).WaitForAsync(new() { Timeout = WaitMs });
        await page.Locator(BlockRow(node.Node.Head.Height)).WaitForAsync(new() { Timeout = WaitMs });
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('flecs.session-token')"));

        // The only errors are the browser's own reports of the refused request(s); no script error.
        Assert.Empty(browser.PageErrors);
        Assert.All(browser.FailedResponses, r => Assert.Contains("401", r, StringComparison.Ordinal));
    }

    private static string BlockRow(long height) => $"#blocks tbody tr[data-height='{height}']";

    private static async Task<string> SessionTokenAsync(ApiNode node, TestPlayer player, CancellationToken ct)
    {
        using var response = await node.SignedAs(player).PostAsync("api/v1/sessions", null, ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(ct));
        var session = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return session.GetProperty("token").GetString()!;
    }

    /// <summary>
    /// Settlement on the test node (1-minute intervals, the system clock): configured to start twelve intervals ago, with a
    /// prosumer exporting and another importing under a live p2p-fixed contract, both meters read for the first ten intervals.
    /// </summary>
    private sealed class SettledMarket
    {
        private readonly ApiNode _node;

        private SettledMarket(ApiNode node, long start, TestPlayer marketOperator)
        {
            _node = node;
            Start = start;
            MarketOperator = marketOperator;
        }

        public long Start { get; }

        public TestPlayer MarketOperator { get; }

        public static async Task<SettledMarket> CreateAsync(ApiNode node, CancellationToken ct)
        {
            var mo = await node.AddPlayerAsync("mo", PlayerRole.MarketOperator);
            await node.AddPlayerAsync("tradco", PlayerRole.TradingCompany);
            await node.AddPlayerAsync("distco", PlayerRole.DistributionCompany);
            var p1 = await node.AddPlayerAsync("p1", PlayerRole.Prosumer);
            var p2 = await node.AddPlayerAsync("p2", PlayerRole.Prosumer);
            var start = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60) - 12;
            var config = new SettlementConfig(
                start,
                ClearingMechanism.PayAsClear,
                new EnergyPrice(70_000),
                new EnergyPrice(4_000_000),
                new EnergyPrice(50_000),
                new EnergyPrice(10_000),
                [new GridFee(GridLevel.Transmission, new EnergyPrice(10_000), new EnergyPrice(2_000)), new GridFee(GridLevel.MediumVoltage, new EnergyPrice(30_000), new EnergyPrice(1_000)), new GridFee(GridLevel.LowVoltage, new EnergyPrice(80_000), EnergyPrice.Zero)],
                PlayerId.Parse("tradco"),
                new[] { GridLevel.Transmission, GridLevel.MediumVoltage, GridLevel.LowVoltage }.ToImmutableSortedDictionary(level => level, _ => PlayerId.Parse("distco")),
                mo.Id,
                2_880,
                BillingDays: 1);
            await ExpectAsync(() => node.Client.SendAsync(node.Sa.Id, node.Sa.Signer, SettlementTransactionTypes.ConfigureSettlement, config.Encode(), ct));
            // A certified p2p-fixed template and a live contract p1 → p2 over the settled intervals.
            var template = StandardLibrary.Get("p2p-fixed");
            var parameters = ContractValue.ParseJson("""{ "price": 120000 }""").Value;
            var meta = Flecs.Contracts.Templates.TemplateAnalyzer.Analyze(template.Source).Value.Meta;
            var sample = ContractValue.Map(("params", parameters), ("inputs", Flecs.Contracts.Templates.DryRunSample.For(meta)["inputs"]!));
            await ExpectAsync(() => node.Client.SendAsync(node.Sa.Id, node.Sa.Signer, ContractTransactionTypes.CertifyTemplate, new CertifyTemplatePayload(template.Source, [sample]).Encode(), ct));
            var parties = new[] { ("seller", p1.Id), ("buyer", p2.Id) }.ToImmutableSortedDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
            var proposal = await node.Client.SendAsync(p1.Id, p1.Signer, ContractTransactionTypes.ProposeContract, new ProposeContractPayload(template.Hash, parameters, parties, start, start + 60).Encode(), ct);
            Assert.True(proposal.IsAccepted, proposal.RejectionCode);
            await ExpectAsync(() => node.Client.SendAsync(p2.Id, p2.Signer, ContractTransactionTypes.AcceptContract, new ContractActionPayload(proposal.TransactionId, proposal.TransactionId, ContractValue.Null, 0, string.Empty).Encode(), ct));

            foreach (var (player, kind) in new[] { (p1, MeterKind.Bidirectional), (p2, MeterKind.Consumption) })
            {
                var meter = new MeterRecord("m-" + player.Id.Value, player.Id, TestKeys.ForName("meter:" + player.Id.Value).PublicKey, "zone-a", GridLevel.LowVoltage, kind, false, 10_000, start);
                await ExpectAsync(() => node.Client.SendAsync(player.Id, player.Signer, SettlementTransactionTypes.RegisterMeter, meter.Encode(), ct));
                var readings = Enumerable.Range(0, 10).Select(i => Reading(kind, start + i)).ToList();
                var batch = ReadingBatch.Create(node.Node.Genesis.ChainId, meter.Id, start, readings, TestKeys.ForName("meter:" + player.Id.Value));
                await ExpectAsync(() => node.Client.SendAsync(player.Id, player.Signer, SettlementTransactionTypes.SubmitReadings, new ReadingsPayload([batch]).Encode(), ct));
            }

            return new SettledMarket(node, start, mo);
        }

        /// <summary>The Market Operator closes the intervals through <paramref name="through"/>.</summary>
        public async Task CloseAsync(long through, CancellationToken ct) =>
            await ExpectAsync(() => _node.Client.SendAsync(MarketOperator.Id, MarketOperator.Signer, SettlementTransactionTypes.CloseIntervals, new ClosePayload(through).Encode(), ct));

        private static MeterReadingValue Reading(MeterKind kind, long interval)
        {
            var wave = (long)(Math.Sin(interval / 2.0) * 20_000);
            return kind == MeterKind.Consumption ? new(90_000 + wave, 0) : new(0, 50_000 - wave);
        }

        private static async Task ExpectAsync(Func<Task<Submission>> submit)
        {
            var result = await submit();
            Assert.True(result.IsAccepted, $"Rejected: {result.RejectionCode} {result.AdmissionError}");
        }
    }

    /// <summary>Headless Chromium with one page whose console errors, page errors, failed requests and error responses are collected.</summary>
    private sealed class DashboardBrowser : IAsyncDisposable
    {
        private readonly IPlaywright _playwright;
        private readonly IBrowser _browser;
        private readonly string _origin;

        private DashboardBrowser(IPlaywright playwright, IBrowser browser, IPage page, Uri origin)
        {
            _playwright = playwright;
            _browser = browser;
            _origin = origin.AbsoluteUri;
            Page = page;
            page.Request += (_, request) => Requests.Enqueue(request.Url);
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    ConsoleErrors.Enqueue(message.Text);
                }
            };
            page.PageError += (_, error) => PageErrors.Enqueue(error);
            page.RequestFailed += (_, request) => FailedRequests.Enqueue($"{request.Method} {request.Url}: {request.Failure}");
            page.Response += (_, response) =>
            {
                if (response.Status >= 400)
                {
                    FailedResponses.Enqueue($"{response.Status} {response.Request.Method} {response.Url}");
                }
            };
        }

        public IPage Page { get; }

        public ConcurrentQueue<string> ConsoleErrors { get; } = new();

        public ConcurrentQueue<string> PageErrors { get; } = new();

        public ConcurrentQueue<string> FailedRequests { get; } = new();

        /// <summary>Every URL the page requested: the node's own, nothing external.</summary>
        public ConcurrentQueue<string> Requests { get; } = new();

        public ConcurrentQueue<string> FailedResponses { get; } = new();

        public static async Task<DashboardBrowser> OpenAsync(Uri origin)
        {
            Assert.True(File.Exists(Chromium), $"{Chromium} is missing: install Debian's chromium (build/test.sh does: apt-get install -y --no-install-recommends chromium).");
            var playwright = await Playwright.CreateAsync();
            try
            {
                var browser = await playwright.Chromium.LaunchAsync(new()
                {
                    ExecutablePath = Chromium,
                    Headless = true,
                    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
                });
                var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
                return new DashboardBrowser(playwright, browser, page, origin);
            }
            catch
            {
                playwright.Dispose();
                throw;
            }
        }

        /// <summary>Saves a full-page screenshot under artifacts/screenshots and attaches it to the test result.</summary>
        public async Task ScreenshotAsync(string name, CancellationToken ct)
        {
            var screenshot = Path.Combine(AppContext.BaseDirectory, "artifacts", "screenshots", name + ".png");
            Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
            await Page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
            TestContext.Current.TestOutputHelper?.WriteLine("Screenshot: " + screenshot);
            TestContext.Current.AddAttachment(name + ".png", await File.ReadAllBytesAsync(screenshot, ct), "image/png");
            Assert.True(new FileInfo(screenshot).Length > 20_000, "the screenshot is suspiciously small");
        }

        public void AssertNoErrors()
        {
            Assert.All(Requests, url => Assert.True(url.StartsWith(_origin, StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal), url));
            Assert.Empty(ConsoleErrors);
            Assert.Empty(PageErrors);
            Assert.Empty(FailedRequests);
            Assert.Empty(FailedResponses);
        }

        public async ValueTask DisposeAsync()
        {
            await _browser.CloseAsync();
            await _browser.DisposeAsync();
            _playwright.Dispose();
        }
    }
}
