using System.Threading.RateLimiting;
using Flecs.Api.Access;
using Flecs.Api.Hosting;
using Flecs.Api.Queries;
using Flecs.Api.Views;
using Flecs.Core.Identity;
using Flecs.Ledger.Proofs;
using Flecs.Node.Hosting;
using Flecs.Node.Sequencing;
using Flecs.Settlement.Orders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flecs.Api;

/// <summary>
/// The node as an HTTP service (docs/api.md): signed transactions in, role-scoped reads out, a block stream, the
/// OpenAPI document, problem details with the ledger's codes, request limits and the dashboard. The same
/// <see cref="ILedgerNode"/> the CLI and the demo use; a follower serves the same reads and refuses writes.
/// </summary>
public static class NodeApi
{
    /// <summary>The path of the OpenAPI document.</summary>
    public const string OpenApiPath = "/openapi/v1.json";

    private static readonly System.Text.Json.JsonSerializerOptions EventJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>Builds the web application over <paramref name="node"/>.</summary>
    /// <param name="node">The node to serve.</param>
    /// <param name="validator">The same node when it orders transactions; null for a follower (writes are refused).</param>
    /// <param name="options">The options.</param>
    /// <param name="time">The clock for signed-request windows and sessions.</param>
    /// <param name="configure">Changes to the builder before it builds (tests use a test server).</param>
    public static WebApplication Build(ILedgerNode node, EmbeddedNode? validator, NodeApiOptions options, TimeProvider time, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Urls);
        // A batch of the most transactions at the genesis size limit, base64 (4 characters per 3 bytes, padded) with quotes and commas, plus the JSON around it.
        var maxBody = options.MaxRequestBytes ?? Math.Min(32L << 20, ((((node.Genesis.Limits.MaxTransactionBytes + 2L) / 3 * 4) + 3) * options.MaxBatch) + 4096);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = maxBody);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            var status = c.ProblemDetails.Status ?? c.HttpContext.Response.StatusCode;
            if (!c.ProblemDetails.Extensions.ContainsKey("code"))
            {
                var code = Problems.CodeOf(status);
                c.ProblemDetails.Extensions["code"] = code;
                c.ProblemDetails.Type = Problems.TypePrefix + code;
                c.ProblemDetails.Title = code;
            }
        });
        builder.Services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "FLECS node API";
            document.Info.Version = "v1";
            document.Servers?.Clear(); // The same document wherever the node listens (clients set their base URL).
            document.Info.Description = "Signed transactions in, role-scoped reads out. Reads: anonymous callers get public data and aggregates; a signed request (X-Flecs-Player, X-Flecs-Time, X-Flecs-Signature) or a session token (Authorization: Bearer) adds the caller's own data; the Supervising Authority sees everything. Errors are RFC 9457 problem details whose 'code' is the ledger's stable code. See docs/api.md.";
            return Task.CompletedTask;
        }));
        var sessions = new SessionStore(time, options.SessionLifetime);
        var counters = new ApiCounters();
        var index = new ChainIndex(node);
        var resolver = new CallerResolver(node, sessions, time, options.SignatureWindow, index);
        builder.Services.AddSingleton(node);
        builder.Services.AddSingleton(sessions);
        builder.Services.AddSingleton(counters);
        builder.Services.AddSingleton(resolver);
        builder.Services.AddSingleton(new LedgerQueries(node));
        builder.Services.AddSingleton(index);
        builder.Services.AddSingleton<MarketFeed>();
        builder.Services.AddHostedService(s => s.GetRequiredService<MarketFeed>());
        builder.Services.AddSingleton(s => new BackgroundVerifier(node, options.VerifyInBackground, s.GetRequiredService<ILogger<BackgroundVerifier>>()));
        builder.Services.AddHostedService(s => s.GetRequiredService<BackgroundVerifier>());
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                // By remote address, before authentication: a flood of bad signatures or bodies is limited too.
                var key = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.Burst,
                    TokensPerPeriod = options.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            o.OnRejected = async (context, ct) =>
            {
                counters.CountRateLimited();
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await Problems.Of(ApiErrors.RateLimited, $"More than {options.RequestsPerSecond} requests per second (burst {options.Burst}); retry later.").ExecuteAsync(context.HttpContext).ConfigureAwait(false);
            };
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.Use((context, next) => resolver.InvokeAsync(context, next));
        app.MapOpenApi(OpenApiPath.Replace("v1", "{documentName}", StringComparison.Ordinal));
        Map(app, node, validator, options, sessions, counters);
        DashboardFiles.Map(app);
        return app;
    }

    private static void Map(IEndpointRouteBuilder app, ILedgerNode node, EmbeddedNode? validator, NodeApiOptions options, SessionStore sessions, ApiCounters counters)
    {
        var api = app.MapGroup("/api/v1")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/status", (BackgroundVerifier verifier, ChainIndex index) => TypedResults.Ok(Status(node, validator, verifier, index, options)))
            .WithName("GetStatus").WithTags("Node").WithSummary("The head, counts and the background verify result (public).");
        api.MapGet("/genesis", () => TypedResults.Bytes(node.Genesis.Encode(), "application/cbor", "genesis.cbor"))
            .WithName("GetGenesis").WithTags("Node").WithSummary("The genesis document, canonical CBOR (public): what followers and light clients trust.")
            .Produces(StatusCodes.Status200OK, contentType: "application/cbor");
        api.MapGet("/caller", (HttpContext http) =>
            {
                var caller = CallerResolver.Of(http);
                return TypedResults.Ok(new CallerView(caller.Player?.Value, caller.Role is { } role ? Names.Kebab(role) : null, caller.IsSupervisor));
            })
            .WithName("GetCaller").WithTags("Access").WithSummary("Who the node takes the caller to be.");
        api.MapPost("/sessions", Results<Ok<SessionView>, ProblemHttpResult> (HttpContext http) =>
            {
                var caller = CallerResolver.Of(http);
                if (caller.Player is not { } player || http.Request.Headers.Authorization.Count > 0)
                {
                    return Problems.Of(ApiErrors.AuthRequired, "A session is issued to a signed request only (X-Flecs-Player, X-Flecs-Time, X-Flecs-Signature).");
                }

                if (!node.Chain.State.TryGet(Flecs.Ledger.Players.PlayerRecord.StateKey(player), out var record) || Flecs.Ledger.Players.PlayerRecord.Decode(record).PublicKey is not { } key)
                {
                    return Problems.Of(ApiErrors.AuthUnknownPlayer, $"'{player}' has no key.");
                }

                var (token, expires) = sessions.Issue(player, key);
                return TypedResults.Ok(new SessionView(token, expires, player.Value, Names.Kebab(caller.Role!.Value)));
            })
            .WithName("CreateSession").WithTags("Access").WithSummary("Issue a bearer token for a browser session (the dashboard) to a signed request.");

        api.MapPost("/transactions", async Task<Results<Ok<SubmissionView>, ProblemHttpResult>> (SubmitRequest request, CancellationToken ct) =>
            {
                if (validator is null)
                {
                    return ReadOnly();
                }

                if (request?.Transaction is not { Length: > 0 } bytes)
                {
                    return Problems.Of(ApiErrors.BadRequest, "The body needs 'transaction': the signed envelope, base64.");
                }

                counters.CountSubmitted(1);
                var view = ToView(await validator.SubmitAsync(bytes, ct).ConfigureAwait(false));
                return string.Equals(view.Status, "accepted", StringComparison.Ordinal)
                    ? TypedResults.Ok(view)
                    : Problems.Of(new Flecs.Core.Results.Error(view.Code!, view.Message ?? $"The transaction was rejected in block {view.Height} with {view.Code}."), SubmissionStatus(view.Code!), new Dictionary<string, object?>(StringComparer.Ordinal) { ["id"] = view.Id, ["status"] = view.Status, ["height"] = view.Height, ["position"] = view.Position });
            })
            .WithName("SubmitTransaction").WithTags("Transactions")
            .WithSummary("Submit one signed transaction; answers when its block is durable. 200 accepted; 422 rejected in a block or refused, with the code.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/transactions/batch", async Task<Results<Ok<SubmitBatchView>, ProblemHttpResult>> (SubmitBatchRequest request, CancellationToken ct) =>
            {
                if (validator is null)
                {
                    return ReadOnly();
                }

                if (request?.Transactions is not { Count: > 0 } transactions || transactions.Count > options.MaxBatch || transactions.Any(t => t is not { Length: > 0 }))
                {
                    return Problems.Of(ApiErrors.BadRequest, $"The body needs 'transactions': 1 to {options.MaxBatch} signed envelopes, base64.");
                }

                counters.CountSubmitted(transactions.Count);
                var results = await validator.SubmitManyAsync([.. transactions], ct).ConfigureAwait(false);
                return TypedResults.Ok(new SubmitBatchView([.. results.Select(ToView)]));
            })
            .WithName("SubmitTransactions").WithTags("Transactions")
            .WithSummary("Submit signed transactions in order; one answer each (accepted, rejected or refused) when all are durable or refused.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        api.MapGet("/transactions/{id}", Results<Ok<TransactionView>, ProblemHttpResult> (string id, HttpContext http, LedgerQueries q) => Answer(q.Transaction(CallerResolver.Of(http), id)))
            .WithName("GetTransaction").WithTags("Transactions").WithSummary("A transaction and its receipt (its sender, the sender's representative, or the SA).")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/blocks", Results<Ok<IReadOnlyList<BlockSummaryView>>, ProblemHttpResult> (long? before, int? limit, LedgerQueries q) =>
                limit is < 1 or > 500 ? Problems.Of(ApiErrors.BadRequest, "'limit' is 1 to 500.") : TypedResults.Ok(q.Blocks(before, limit ?? 20)))
            .WithName("GetBlocks").WithTags("Ledger").WithSummary("Block headers, newest first, below 'before' (public).");
        api.MapGet("/blocks/{height:long}", Results<Ok<BlockView>, ProblemHttpResult> (long height, HttpContext http, LedgerQueries q) => Answer(q.Block(CallerResolver.Of(http), height)))
            .WithName("GetBlock").WithTags("Ledger").WithSummary("A block's header, roots and transactions (senders only where the caller may see them).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/blocks/{height:long}/raw", Results<FileContentHttpResult, ProblemHttpResult> (long height, HttpContext http) =>
            {
                if (!CallerResolver.Of(http).IsSupervisor)
                {
                    return Problems.Of(ApiErrors.Forbidden, "Whole blocks are for the SA's followers: sign the request with the SA key.");
                }

                var stored = height >= 0 && height <= node.Head.Height ? node.Read(s => s.ReadBlock(height)) : null;
                return stored is null
                    ? Problems.Of(ApiErrors.NotFound, $"No block {height} yet.")
                    : TypedResults.Bytes(Flecs.Ledger.Storage.BlockTransfer.Encode(stored), "application/cbor");
            })
            .WithName("GetRawBlock").WithTags("Ledger").WithSummary("A whole block in the transfer encoding (docs/formats/block-transfer.md), for followers; SA only.")
            .Produces(StatusCodes.Status200OK, contentType: "application/cbor").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/events/blocks", async Task (HttpContext http, long? after, IHostApplicationLifetime lifetime, CancellationToken requestAborted) =>
            {
                if (after is < -1)
                {
                    await Problems.Of(ApiErrors.BadRequest, "'after' is a height (-1 streams from block 0).").ExecuteAsync(http).ConfigureAwait(false);
                    return;
                }

                // The stream ends when the client goes away or the node shuts down.
                using var both = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
                var ct = both.Token;
                // Headers go out at once (a client sees the stream open before the next block), then one event per block.
                http.Response.ContentType = "text/event-stream";
                http.Response.Headers.CacheControl = "no-cache";
                await http.Response.StartAsync(ct).ConfigureAwait(false);
                await http.Response.Body.FlushAsync(ct).ConfigureAwait(false);
                try
                {
                    // A reconnecting EventSource resumes after the last event it saw.
                    var resume = after ?? (long.TryParse(http.Request.Headers["Last-Event-ID"].ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var last) ? last : null);
                    await foreach (var stored in CommittedBlocks.FollowAsync(node, Math.Min(resume ?? node.Head.Height, node.Head.Height), ct).ConfigureAwait(false))
                    {
                        var json = System.Text.Json.JsonSerializer.Serialize(LedgerQueries.Summary(stored), EventJson);
                        await http.Response.WriteAsync($"event: block\nid: {stored.Height.ToString(System.Globalization.CultureInfo.InvariantCulture)}\ndata: {json}\n\n", ct).ConfigureAwait(false);
                        await http.Response.Body.FlushAsync(ct).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException)
                {
                    // The client went away.
                }
            })
            .WithName("StreamBlocks").WithTags("Ledger").WithSummary("Server-Sent Events: one 'block' event (a block summary, id = height) per new block after 'after' (or the Last-Event-ID header; default: the head).")
            .Produces<BlockSummaryView>(StatusCodes.Status200OK, "text/event-stream");

        api.MapGet("/players", (HttpContext http, LedgerQueries q) => TypedResults.Ok(q.Players(CallerResolver.Of(http))))
            .WithName("GetPlayers").WithTags("Registry").WithSummary("The caller's own record and those of the players it represents (all for the SA), with counts over all players.");
        api.MapGet("/players/{id}", Results<Ok<PlayerView>, ProblemHttpResult> (string id, HttpContext http, LedgerQueries q) => Answer(q.Player(CallerResolver.Of(http), id)))
            .WithName("GetPlayer").WithTags("Registry").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/templates", (LedgerQueries q) => TypedResults.Ok(q.Templates()))
            .WithName("GetTemplates").WithTags("Contracts").WithSummary("Contract templates on the ledger and their certification (public).");
        api.MapGet("/contracts", (HttpContext http, LedgerQueries q) => TypedResults.Ok(q.Contracts(CallerResolver.Of(http))))
            .WithName("GetContracts").WithTags("Contracts").WithSummary("Contracts the caller is party to (all for the SA), with counts over all contracts.");
        api.MapGet("/contracts/{id}", Results<Ok<ContractView>, ProblemHttpResult> (string id, HttpContext http, LedgerQueries q) => Answer(q.Contract(CallerResolver.Of(http), id)))
            .WithName("GetContract").WithTags("Contracts").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/meters", (HttpContext http, LedgerQueries q) => TypedResults.Ok(q.Meters(CallerResolver.Of(http))))
            .WithName("GetMeters").WithTags("Settlement").WithSummary("Meters of the caller and of the players it represents (all for the SA).");
        api.MapGet("/meters/{id}", Results<Ok<MeterView>, ProblemHttpResult> (string id, HttpContext http, LedgerQueries q) => Answer(q.Meter(CallerResolver.Of(http), id)))
            .WithName("GetMeter").WithTags("Settlement").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/orders", Results<Ok<OrdersView>, ProblemHttpResult> (string? market, HttpContext http, LedgerQueries q) =>
                market is null or "spm" or "mpm"
                    ? TypedResults.Ok(q.Orders(CallerResolver.Of(http), string.Equals(market, "mpm", StringComparison.Ordinal) ? MarketKind.Mpm : MarketKind.Spm))
                    : Problems.Of(ApiErrors.BadRequest, "'market' is spm or mpm."))
            .WithName("GetOrders").WithTags("Settlement").WithSummary("The caller's standing orders in one market (all for the SA), with totals over all orders.");
        api.MapGet("/invoices", (string? account, HttpContext http, LedgerQueries q) => TypedResults.Ok(q.Invoices(CallerResolver.Of(http), account)))
            .WithName("GetInvoices").WithTags("Settlement").WithSummary("Issued invoices of the caller's accounts (all for the SA).");
        api.MapGet("/invoices/{account}/{period:long}", Results<Ok<InvoiceView>, ProblemHttpResult> (string account, long period, HttpContext http, LedgerQueries q) => Answer(q.Invoice(CallerResolver.Of(http), account, period)))
            .WithName("GetInvoice").WithTags("Settlement").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/market/intervals", Results<Ok<MarketView>, ProblemHttpResult> (int? limit, MarketFeed feed) =>
                limit is < 1 or > MarketFeed.Capacity ? Problems.Of(ApiErrors.BadRequest, $"'limit' is 1 to {MarketFeed.Capacity}.") : TypedResults.Ok(new MarketView(feed.Latest(limit ?? 120))))
            .WithName("GetMarketIntervals").WithTags("Settlement").WithSummary("Prices and flows of the most recent closed intervals (public aggregates).");

        api.MapGet("/proofs/transactions/{id}", Results<FileContentHttpResult, ProblemHttpResult> (string id, HttpContext http, LedgerQueries q) =>
            {
                var seen = q.Transaction(CallerResolver.Of(http), id);
                if (!seen.IsSuccess)
                {
                    return Problems.Of(seen.Error);
                }

                var proof = node.Read(s => ProofBuilder.ForTransaction(s, node.Genesis, Hash256.Parse(id)));
                return proof.IsSuccess ? TypedResults.Bytes(proof.Value.Encode(), "application/cbor") : Problems.Of(proof.Error);
            })
            .WithName("GetTransactionProof").WithTags("Proofs").WithSummary("An inclusion proof of a transaction and its receipt (flecs proof verify checks it with the genesis file alone).")
            .Produces(StatusCodes.Status200OK, contentType: "application/cbor").ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/proofs/consistency", Results<FileContentHttpResult, ProblemHttpResult> (long from, long? to) =>
            {
                var proof = node.Read(s => ProofBuilder.Consistency(s, node.Genesis, from, to ?? node.Head.Height));
                return proof.IsSuccess ? TypedResults.Bytes(proof.Value.Encode(), "application/cbor") : Problems.Of(proof.Error);
            })
            .WithName("GetConsistencyProof").WithTags("Proofs").WithSummary("A consistency proof between two sealed heads (public).")
            .Produces(StatusCodes.Status200OK, contentType: "application/cbor").ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/operator", Results<Ok<OperatorView>, ProblemHttpResult> (HttpContext http, BackgroundVerifier verifier, ChainIndex index) =>
                CallerResolver.Of(http).IsSupervisor
                    ? TypedResults.Ok(new OperatorView(Status(node, validator, verifier, index, options), sessions.Count, counters.RateLimited, counters.Submitted, options.IngestCounters?.Invoke() ?? new Dictionary<string, long>(StringComparer.Ordinal)))
                    : Problems.Of(ApiErrors.Forbidden, "The operator view needs a request signed by the SA."))
            .WithName("GetOperatorStatus").WithTags("Node").WithSummary("The node's internals (SA only): sessions, rate limiting, submissions, MQTT ingest counters.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static StatusView Status(ILedgerNode node, EmbeddedNode? validator, BackgroundVerifier verifier, ChainIndex index, NodeApiOptions options)
    {
        var head = node.Chain.Head;
        var (transactions, accepted) = index.Totals();
        return new StatusView(node.Genesis.ChainId, node.Genesis.Currency, node.Genesis.IntervalLength.Minutes, validator is null ? "follower" : "validator", head.Height, node.Chain.HeadHash.ToString(), Names.Time(head.TimestampMs), transactions, accepted, verifier.Status, options.FollowStatus?.Invoke());
    }

    private static ProblemHttpResult ReadOnly() =>
        Problems.Of(ApiErrors.ReadOnly, "This node follows a validator and does not order transactions; submit to the validator.");

    /// <summary>422 for a transaction rejected or refused by the ledger's rules; 503 when the node could not order it (stopping, failed commit).</summary>
    private static int SubmissionStatus(string code) =>
        code is EmbeddedNode.Stopping or EmbeddedNode.NotValidator or Flecs.Ledger.LedgerErrors.StoreCorrupt ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status422UnprocessableEntity;

    private static SubmissionView ToView(Submission s) =>
        s.AdmissionError is { } refused
            ? new SubmissionView(s.TransactionId.ToString(), "refused", null, null, refused.Code, refused.Message)
            : new SubmissionView(s.TransactionId.ToString(), s.IsAccepted ? "accepted" : "rejected", s.Height, s.Position, s.RejectionCode, null);

    private static Results<Ok<T>, ProblemHttpResult> Answer<T>(Flecs.Core.Results.Result<T> result) =>
        result.IsSuccess ? TypedResults.Ok(result.Value) : Problems.Of(result.Error);

}
