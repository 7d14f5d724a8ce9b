using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Flecs.Api.Access;
using Flecs.Api.Views;
using Flecs.Core.Identity;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Players;
using Flecs.Ledger.Registry;
using Flecs.Ledger.Transactions;
using Flecs.Market.Interface;
using Flecs.Settlement;
using Flecs.Settlement.Meters;
using Flecs.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Flecs.Api.Tests;

public sealed class ApiTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Status_IsPublic_AndShowsTheHead()
    {
        await using var node = await ApiNode.StartAsync();
        await node.AddPlayerAsync("alice", PlayerRole.Prosumer);

        var status = await node.Anonymous().GetFromJsonAsync<StatusView>("api/v1/status", Web, TestContext.Current.CancellationToken);

        Assert.NotNull(status);
        Assert.Equal(node.Node.Genesis.ChainId, status.ChainId);
        Assert.Equal("validator", status.Role);
        Assert.Equal(node.Node.Chain.Head.Height, status.Height);
        Assert.Equal(node.Node.Chain.HeadHash.ToString(), status.HeadHash);
        Assert.Equal(2, status.Accepted);

        // Counted once, then kept up block by block.
        await node.AddPlayerAsync("bob", PlayerRole.Prosumer);
        var later = await node.Anonymous().GetFromJsonAsync<StatusView>("api/v1/status", Web, TestContext.Current.CancellationToken);
        var (_, transactions, accepted) = node.Node.Read(s => s.Count());
        Assert.Equal(4, later!.Accepted);
        Assert.Equal((transactions, accepted), (later.Transactions, later.Accepted));
    }

    [Fact]
    public async Task OpenApiDocument_IsServed_WithEveryOperation()
    {
        await using var node = await ApiNode.StartAsync();

        using var document = JsonDocument.Parse(await node.Anonymous().GetStringAsync(NodeApi.OpenApiPath.TrimStart('/'), TestContext.Current.CancellationToken));

        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => o.Value.GetProperty("operationId").GetString()))
            .ToHashSet(StringComparer.Ordinal);
        string[] expected = ["GetStatus", "GetGenesis", "GetCaller", "CreateSession", "SubmitTransaction", "SubmitTransactions", "GetTransaction", "GetBlocks", "GetBlock", "GetRawBlock", "StreamBlocks",
            "GetPlayers", "GetPlayer", "GetTemplates", "GetContracts", "GetContract", "GetMeters", "GetMeter", "GetOrders", "GetInvoices", "GetInvoice", "GetMarketIntervals", "GetTransactionProof", "GetConsistencyProof", "GetOperatorStatus"];
        Assert.All(expected, e => Assert.Contains(e, operations));
    }

    [Fact]
    public async Task SubmitTransaction_Accepted_AnswersWithItsBlock()
    {
        await using var node = await ApiNode.StartAsync();
        var bob = TestPlayer.Named("bob");
        var tx = node.Client.Sign(node.Sa.Id, node.Sa.Signer, TransactionType.RegisterPlayer, new RegisterPlayerPayload(bob.Id, PlayerRole.Prosumer, PlayerMode.Active, bob.PublicKey, null).Encode());

        using var response = await node.Anonymous().PostAsJsonAsync("api/v1/transactions", new SubmitRequest(tx.Bytes), Web, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<SubmissionView>(Web, TestContext.Current.CancellationToken);
        Assert.Equal("accepted", view!.Status);
        Assert.Equal(tx.Id.ToString(), view.Id);
        Assert.True(view.Height > 0);
    }

    [Fact]
    public async Task SubmitTransaction_ForgedSignature_IsA422ProblemWithTheLedgersCode()
    {
        await using var node = await ApiNode.StartAsync();
        var bob = TestPlayer.Named("bob");
        var forged = node.Client.Sign(node.Sa.Id, TestKeys.ForName("mallory"), TransactionType.RegisterPlayer, new RegisterPlayerPayload(bob.Id, PlayerRole.Prosumer, PlayerMode.Active, bob.PublicKey, null).Encode());

        using var response = await node.Anonymous().PostAsJsonAsync("api/v1/transactions", new SubmitRequest(forged.Bytes), Web, TestContext.Current.CancellationToken);

        var problem = await ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("ledger.tx.bad-signature", problem.GetProperty("code").GetString());
        Assert.Equal("urn:flecs:problem:ledger.tx.bad-signature", problem.GetProperty("type").GetString());
        Assert.Equal(forged.Id.ToString(), problem.GetProperty("id").GetString());
    }

    [Fact]
    public async Task SubmitTransaction_NotCbor_IsRefusedWithItsCode()
    {
        await using var node = await ApiNode.StartAsync();

        using var response = await node.Anonymous().PostAsJsonAsync("api/v1/transactions", new SubmitRequest([1, 2, 3]), Web, TestContext.Current.CancellationToken);

        var problem = await ProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("refused", problem.GetProperty("status").GetString());
        Assert.StartsWith("ledger.", problem.GetProperty("code").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedJson_IsA400ProblemWithACode()
    {
        await using var node = await ApiNode.StartAsync();
        using var body = new StringContent("{\"transaction\": 12", Encoding.UTF8, "application/json");

        using var response = await node.Anonymous().PostAsync("api/v1/transactions", body, TestContext.Current.CancellationToken);

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(ApiErrors.BadRequest, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task OversizedBody_IsA413ProblemWithACode()
    {
        await using var node = await ApiNode.StartAsync(new NodeApiOptions { MaxRequestBytes = 4096 });
        using var body = new StringContent("{\"transaction\":\"" + Convert.ToBase64String(new byte[8192]) + "\"}", Encoding.UTF8, "application/json");

        using var response = await node.Anonymous().PostAsync("api/v1/transactions", body, TestContext.Current.CancellationToken);

        var problem = await ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(ApiErrors.TooLarge, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task UnknownRoute_IsA404ProblemWithACode()
    {
        await using var node = await ApiNode.StartAsync();

        using var response = await node.Anonymous().GetAsync("api/v1/nothing-here", TestContext.Current.CancellationToken);

        var problem = await ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(ApiErrors.NotFound, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task RateLimit_RefusesTheExcess_WithA429Problem()
    {
        await using var node = await ApiNode.StartAsync(new NodeApiOptions { RequestsPerSecond = 1, Burst = 3 });
        var client = node.Anonymous();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await client.GetAsync("api/v1/status", TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var problem = await ProblemAsync(response, HttpStatusCode.TooManyRequests);
                Assert.Equal(ApiErrors.RateLimited, problem.GetProperty("code").GetString());
            }
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
    }

    [Fact]
    public async Task SignedRequest_IdentifiesThePlayer()
    {
        await using var node = await ApiNode.StartAsync();
        var alice = await node.AddPlayerAsync("alice", PlayerRole.Prosumer);

        var caller = await node.SignedAs(alice).GetFromJsonAsync<CallerView>("api/v1/caller", Web, TestContext.Current.CancellationToken);
        var anonymous = await node.Anonymous().GetFromJsonAsync<CallerView>("api/v1/caller", Web, TestContext.Current.CancellationToken);

        Assert.Equal(new CallerView("alice", "prosumer", false), caller);
        Assert.Equal(new CallerView(null, null, false), anonymous);
    }

    [Theory]
    [InlineData("wrong-key", ApiErrors.AuthBadSignature)]
    [InlineData("stale", ApiErrors.AuthStale)]
    [InlineData("unknown", ApiErrors.AuthUnknownPlayer)]
    [InlineData("malformed", ApiErrors.AuthMalformed)]
    [InlineData("other-path", ApiErrors.AuthBadSignature)]
    public async Task BadSignedRequest_IsA401_NeverAnonymous(string fault, string code)
    {
        await using var node = await ApiNode.StartAsync();
        var alice = await node.AddPlayerAsync("alice", PlayerRole.Prosumer);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var (player, signer, time, path) = fault switch
        {
            "wrong-key" => (alice.Id, (ISigner)TestKeys.ForName("mallory"), now, "/api/v1/players"),
            "stale" => (alice.Id, alice.Signer, now - 3_600_000, "/api/v1/players"),
            "unknown" => (PlayerId.Parse("nobody"), TestKeys.ForName("nobody"), now, "/api/v1/players"),
            "other-path" => (alice.Id, alice.Signer, now, "/api/v1/meters"),
            _ => (alice.Id, alice.Signer, now, "/api/v1/players"),
        };
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/players");
        foreach (var (name, value) in RequestSignature.Headers(node.Node.Genesis.ChainId, player, signer, "GET", path, time, []))
        {
            request.Headers.TryAddWithoutValidation(name, fault == "malformed" && name == RequestSignature.SignatureHeader ? "not base64!" : value);
        }

        using var response = await node.Anonymous().SendAsync(request, TestContext.Current.CancellationToken);

        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task SignedRequestHandler_SameRequestTwiceOnAClockThatDidNotMove_IsNotRefusedAsAReplay()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var node = await ApiNode.StartAsync();
        var alice = await node.AddPlayerAsync("alice", PlayerRole.Prosumer);
        var frozen = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var client = new HttpClient(new SignedRequestHandler(node.Node.Genesis.ChainId, alice.Id, alice.Signer, frozen)) { BaseAddress = node.Address };

        using var first = await client.GetAsync(new Uri("api/v1/players", UriKind.Relative), ct);
        using var second = await client.GetAsync(new Uri("api/v1/players", UriKind.Relative), ct);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], [first.StatusCode, second.StatusCode]);
    }

    [Fact]
    public async Task ReplayedSignedRequest_IsRefused()
    {
        await using var node = await ApiNode.StartAsync();
        var alice = await node.AddPlayerAsync("alice", PlayerRole.Prosumer);
        var headers = RequestSignature.Headers(node.Node.Genesis.ChainId, alice.Id, alice.Signer, "GET", "/api/v1/players", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), []);
        var client = node.Anonymous();

        HttpStatusCode[] statuses = [await SendAsync(), await SendAsync()];

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Unauthorized], statuses);

        async Task<HttpStatusCode> SendAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/players");
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            return response.StatusCode;
        }
    }

    [Fact]
    public async Task Reads_AreScopedByRole()
    {
        await using var node = await ApiNode.StartAsync();
        var alice = await node.AddPlayerAsync("alice", PlayerRole.Prosumer);
        var bob = await node.AddPlayerAsync("bob", PlayerRole.Prosumer);
        var aggco = await node.AddPlayerAsync("aggco", PlayerRole.Aggregator);
        var home = await node.Client.RegisterPassiveAsync(aggco.Id, aggco.Signer, PlayerId.Parse("home-1"), PlayerRole.Prosumer, aggco.Id, TestContext.Current.CancellationToken);
        Assert.True(home.IsAccepted, home.RejectionCode);
        var authorized = await node.Client.ActOnAsync(node.Sa.Id, node.Sa.Signer, TransactionType.AuthorizePlayer, PlayerId.Parse("home-1"), "test", TestContext.Current.CancellationToken);
        Assert.True(authorized.IsAccepted, authorized.RejectionCode);
        foreach (var (sender, owner) in new[] { (alice, "alice"), (bob, "bob"), (aggco, "home-1") })
        {
            var meter = new MeterRecord("m-" + owner, PlayerId.Parse(owner), TestKeys.ForName("meter-" + owner).PublicKey, "zone-a", GridLevel.LowVoltage, MeterKind.Bidirectional, false, 10_000, 0);
            var registered = await node.Client.SendAsync(sender.Id, sender.Signer, SettlementTransactionTypes.RegisterMeter, meter.Encode(), TestContext.Current.CancellationToken);
            Assert.True(registered.IsAccepted, registered.RejectionCode);
        }

        var ct = TestContext.Current.CancellationToken;
        var asAlice = await node.SignedAs(alice).GetFromJsonAsync<PlayersView>("api/v1/players", Web, ct);
        var asAggco = await node.SignedAs(aggco).GetFromJsonAsync<PlayersView>("api/v1/players", Web, ct);
        var asSa = await node.SignedAs(node.Sa).GetFromJsonAsync<PlayersView>("api/v1/players", Web, ct);
        var anonymous = await node.Anonymous().GetFromJsonAsync<PlayersView>("api/v1/players", Web, ct);
        var aliceMeters = await node.SignedAs(alice).GetFromJsonAsync<MetersView>("api/v1/meters", Web, ct);
        var aggcoMeters = await node.SignedAs(aggco).GetFromJsonAsync<MetersView>("api/v1/meters", Web, ct);
        var saMeters = await node.SignedAs(node.Sa).GetFromJsonAsync<MetersView>("api/v1/meters", Web, ct);
        using var bobsMeterForAlice = await node.SignedAs(alice).GetAsync("api/v1/meters/m-bob", ct);
        using var rawForAlice = await node.SignedAs(alice).GetAsync("api/v1/blocks/1/raw", ct);

        Assert.Equal(["alice"], asAlice!.Players.Select(p => p.Id));
        Assert.Equal(["aggco", "home-1"], asAggco!.Players.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.Equal(5, asSa!.Players.Count);
        Assert.Empty(anonymous!.Players);
        Assert.Equal(5, anonymous.Total);
        Assert.Equal(3, anonymous.ByRole["prosumer"]);
        Assert.Equal(["m-alice"], aliceMeters!.Meters.Select(m => m.Id));
        Assert.Equal(["m-home-1"], aggcoMeters!.Meters.Select(m => m.Id));
        Assert.Equal(3, saMeters!.Meters.Count);
        Assert.Equal(3, aliceMeters.Total);
        Assert.Equal(ApiErrors.Forbidden, (await ProblemAsync(bobsMeterForAlice, HttpStatusCode.Forbidden)).GetProperty("code").GetString());
        Assert.Equal(ApiErrors.Forbidden, (await ProblemAsync(rawForAlice, HttpStatusCode.Forbidden)).GetProperty("code").GetString());

        // A household the AggCo registers later is its to see from the next request on (the node's index follows the blocks).
        var later = await node.Client.RegisterPassiveAsync(aggco.Id, aggco.Signer, PlayerId.Parse("home-2"), PlayerRole.Prosumer, aggco.Id, ct);
        Assert.True(later.IsAccepted, later.RejectionCode);
        var asAggcoLater = await node.SignedAs(aggco).GetFromJsonAsync<PlayersView>("api/v1/players", Web, ct);
        Assert.Equal(["aggco", "home-1", "home-2"], asAggcoLater!.Players.Select(p => p.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Session_IssuedToASignedRequest_ActsAsThePlayer()
    {
        await using var node = await ApiNode.StartAsync();
        var alice = await node.AddPlayerAsync("alice", PlayerRole.Prosumer);
        var ct = TestContext.Current.CancellationToken;

        using var issued = await node.SignedAs(alice).PostAsync("api/v1/sessions", null, ct);
        var session = await issued.Content.ReadFromJsonAsync<SessionView>(Web, ct);
        using var unsigned = await node.Anonymous().PostAsync("api/v1/sessions", null, ct);
        var client = node.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", session!.Token);
        var caller = await client.GetFromJsonAsync<CallerView>("api/v1/caller", Web, ct);
        client.DefaultRequestHeaders.Authorization = new("Bearer", "forged");
        using var forged = await client.GetAsync("api/v1/caller", ct);

        Assert.Equal("alice", caller!.Player);
        Assert.Equal(ApiErrors.AuthRequired, (await ProblemAsync(unsigned, HttpStatusCode.Unauthorized)).GetProperty("code").GetString());
        Assert.Equal(ApiErrors.AuthBadToken, (await ProblemAsync(forged, HttpStatusCode.Unauthorized)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task OperatorView_NeedsTheSa()
    {
        await using var node = await ApiNode.StartAsync();
        var alice = await node.AddPlayerAsync("alice", PlayerRole.Prosumer);
        var ct = TestContext.Current.CancellationToken;

        using var asAlice = await node.SignedAs(alice).GetAsync("api/v1/operator", ct);
        var asSa = await node.SignedAs(node.Sa).GetFromJsonAsync<OperatorView>("api/v1/operator", Web, ct);

        Assert.Equal(ApiErrors.Forbidden, (await ProblemAsync(asAlice, HttpStatusCode.Forbidden)).GetProperty("code").GetString());
        Assert.Equal(node.Node.Genesis.ChainId, asSa!.Status.ChainId);
    }

    [Fact]
    public async Task BlockStream_SendsEachNewBlock()
    {
        await using var node = await ApiNode.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var start = node.Node.Chain.Head.Height;
        using var stream = await node.Anonymous().GetStreamAsync($"api/v1/events/blocks?after={start}", ct);
        using var reader = new StreamReader(stream);

        await node.AddPlayerAsync("alice", PlayerRole.Prosumer);
        var heights = new List<long>();
        while (heights.Count < 2)
        {
            var line = await reader.ReadLineAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(20), ct);
            if (line is not null && line.StartsWith("data: ", StringComparison.Ordinal))
            {
                heights.Add(JsonSerializer.Deserialize<BlockSummaryView>(line["data: ".Length..], Web)!.Height);
            }
        }

        Assert.Equal([start + 1, start + 2], heights);
    }

    [Fact]
    public async Task BlockStream_BeforeGenesis_IsA400()
    {
        await using var node = await ApiNode.StartAsync();

        using var response = await node.Anonymous().GetAsync("api/v1/events/blocks?after=-5", TestContext.Current.CancellationToken);

        Assert.Equal(ApiErrors.BadRequest, (await ProblemAsync(response, HttpStatusCode.BadRequest)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Session_EndsWhenThePlayerRotatesItsKey()
    {
        await using var node = await ApiNode.StartAsync();
        var alice = await node.AddPlayerAsync("alice", PlayerRole.Prosumer);
        var ct = TestContext.Current.CancellationToken;
        using var issued = await node.SignedAs(alice).PostAsync("api/v1/sessions", null, ct);
        var session = await issued.Content.ReadFromJsonAsync<SessionView>(Web, ct);
        var client = node.Anonymous();
        client.DefaultRequestHeaders.Authorization = new("Bearer", session!.Token);
        using var before = await client.GetAsync("api/v1/caller", ct);

        var rotated = await node.Client.SetKeyAsync(node.Sa.Id, node.Sa.Signer, TransactionType.RotateKey, alice.Id, TestKeys.ForName("alice-2").PublicKey, ct);
        Assert.True(rotated.IsAccepted, rotated.RejectionCode);
        using var after = await client.GetAsync("api/v1/caller", ct);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(ApiErrors.AuthBadToken, (await ProblemAsync(after, HttpStatusCode.Unauthorized)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Blocks_AndTransactions_ShowSendersOnlyToWhomMaySee()
    {
        await using var node = await ApiNode.StartAsync();
        var alice = await node.AddPlayerAsync("alice", PlayerRole.Prosumer);
        var ct = TestContext.Current.CancellationToken;
        var anchor = await node.Client.AnchorAsync(alice.Id, alice.Signer, Flecs.Crypto.Hashing.Sha256Digest.Hash("doc"u8), "test", ct);
        Assert.True(anchor.IsAccepted, anchor.RejectionCode);

        var anonymous = await node.Anonymous().GetFromJsonAsync<BlockView>($"api/v1/blocks/{anchor.Height}", Web, ct);
        var own = await node.SignedAs(alice).GetFromJsonAsync<BlockView>($"api/v1/blocks/{anchor.Height}", Web, ct);
        var tx = await node.SignedAs(alice).GetFromJsonAsync<TransactionView>($"api/v1/transactions/{anchor.TransactionId}", Web, ct);
        using var txAnonymous = await node.Anonymous().GetAsync($"api/v1/transactions/{anchor.TransactionId}", ct);
        var blocks = await node.Anonymous().GetFromJsonAsync<List<BlockSummaryView>>("api/v1/blocks?limit=2", Web, ct);

        Assert.Null(anonymous!.Transactions[anchor.Position].Sender);
        Assert.Equal("alice", own!.Transactions[anchor.Position].Sender);
        Assert.Equal("anchor-document", tx!.Type);
        Assert.True(tx.Accepted);
        Assert.Equal(HttpStatusCode.Forbidden, txAnonymous.StatusCode);
        Assert.Equal([anchor.Height, anchor.Height - 1], blocks!.Select(b => b.Height));
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return document.RootElement.Clone();
    }
}
