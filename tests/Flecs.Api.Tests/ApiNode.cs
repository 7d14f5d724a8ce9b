using Flecs.Api.Access;
using Flecs.Core.Identity;
using Flecs.Crypto.Signatures;
using Flecs.Node.Clients;
using Flecs.Node.Sequencing;
using Flecs.Testing;
using Flecs.Testing.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Flecs.Api.Tests;

/// <summary>A real embedded node served over HTTP by Kestrel on 127.0.0.1 (a free port), as <c>flecs node --urls</c> runs it.</summary>
public sealed class ApiNode : IAsyncDisposable
{
    private readonly List<HttpClient> _clients = [];

    private ApiNode(TempDataDirectory directory, EmbeddedNode node, WebApplication app, Uri address)
    {
        Directory = directory;
        Node = node;
        App = app;
        Address = address;
        Client = new LedgerClient(node);
    }

    /// <summary>The data directory.</summary>
    public TempDataDirectory Directory { get; }

    /// <summary>The node.</summary>
    public EmbeddedNode Node { get; }

    /// <summary>The web application.</summary>
    public WebApplication App { get; }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; }

    /// <summary>A client that signs transactions through the in-process node (to set up state quickly).</summary>
    public LedgerClient Client { get; }

    /// <summary>The SA with its root key.</summary>
    public TestPlayer Sa => Directory.Sa;

    /// <summary>Starts a node with the given options.</summary>
    public static async Task<ApiNode> StartAsync(NodeApiOptions? options = null, int intervalMinutes = 15, TimeProvider? nodeTime = null)
    {
        var directory = TempDataDirectory.Create(intervalMinutes: intervalMinutes);
        var node = directory.OpenNode(nodeTime);
        var app = NodeApi.Build(node, node, (options ?? new NodeApiOptions()) with { Urls = "http://127.0.0.1:0" }, TimeProvider.System);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new ApiNode(directory, node, app, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>An anonymous HTTP client.</summary>
    public HttpClient Anonymous() => Track(new HttpClient { BaseAddress = Address });

    /// <summary>An HTTP client whose requests are signed by <paramref name="player"/>.</summary>
    public HttpClient SignedAs(PlayerId player, ISigner signer) =>
        Track(new HttpClient(new SignedRequestHandler(Node.Genesis.ChainId, player, signer, TimeProvider.System)) { BaseAddress = Address });

    /// <summary>An HTTP client signed by <paramref name="player"/>.</summary>
    public HttpClient SignedAs(TestPlayer player)
    {
        ArgumentNullException.ThrowIfNull(player);
        return SignedAs(player.Id, player.Signer);
    }

    /// <summary>Registers and authorizes an active player through the node.</summary>
    public async Task<TestPlayer> AddPlayerAsync(string id, Flecs.Ledger.Players.PlayerRole role)
    {
        var player = TestPlayer.Named(id);
        var registered = await Client.RegisterActiveAsync(Sa.Id, Sa.Signer, player.Id, role, player.PublicKey);
        Assert.True(registered.IsAccepted, registered.RejectionCode);
        var authorized = await Client.ActOnAsync(Sa.Id, Sa.Signer, Flecs.Ledger.Transactions.TransactionType.AuthorizePlayer, player.Id, "test");
        Assert.True(authorized.IsAccepted, authorized.RejectionCode);
        return player;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await App.StopAsync();
        await App.DisposeAsync();
        await Node.DisposeAsync();
        Directory.Dispose();
    }

    private HttpClient Track(HttpClient client)
    {
        _clients.Add(client);
        return client;
    }
}
