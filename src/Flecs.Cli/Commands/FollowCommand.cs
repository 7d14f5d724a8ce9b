using System.Security.Cryptography;
using Flecs.Api;
using Flecs.Api.Access;
using Flecs.Api.Views;
using Flecs.Cli.Output;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Crypto.Signatures;
using Flecs.Node.Following;
using Flecs.Node.Hosting;

namespace Flecs.Cli.Commands;

/// <summary><c>flecs node --follow URL</c>: a verifying follower of a validator's API (docs/api.md#followers).</summary>
internal static class FollowCommand
{
    public static async Task<int> RunAsync(string dataPath, string url, string asPlayer, string? keyPath, string? genesisPath, NodeApiOptions? serve, CancellationToken ct)
    {
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            return Shell.Fail(new Error("cli.follow.url", $"'{url}' is not an http(s) URL."), json: false);
        }

        if (!PlayerId.TryParse(asPlayer, out var player))
        {
            return Shell.Fail(new Error("cli.follow.as", $"'{asPlayer}' is not a player id."), json: false);
        }

        var data = new DataDirectory(dataPath);
        using var anonymous = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        byte[]? trusted = null;
        if (genesisPath is not null)
        {
            try
            {
                trusted = await File.ReadAllBytesAsync(genesisPath, ct).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                return Shell.Fail(new Error("cli.follow.genesis", $"Cannot read '{genesisPath}': {ex.Message}"), json: false);
            }
        }

        if (!data.IsInitialized)
        {
            var created = await InitializeAsync(data, anonymous, trusted, ct).ConfigureAwait(false);
            if (created != ExitCodes.Ok)
            {
                return created;
            }
        }
        else if (trusted is not null && !SameBytes(trusted, await File.ReadAllBytesAsync(data.GenesisPath, ct).ConfigureAwait(false)))
        {
            return Shell.Fail(new Error(Flecs.Ledger.LedgerErrors.GenesisInvalid, $"'{dataPath}' holds another chain than '{genesisPath}'."), json: false);
        }

        var key = KeyFile.Read(keyPath ?? data.KeyPath(player));
        if (!key.IsSuccess)
        {
            return Shell.Fail(key.Error, json: false);
        }

        using var signer = key.Value;
        var opened = FollowerNode.Open(new FollowerOptions { DataDirectory = dataPath }, TimeProvider.System);
        if (!opened.IsSuccess)
        {
            return Shell.Fail(opened.Error, json: false);
        }

        var follower = opened.Value;
        await using var followerScope = follower.ConfigureAwait(false);
        using var client = new HttpClient(new SignedRequestHandler(follower.Genesis.ChainId, player, signer, TimeProvider.System)) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var source = new HttpBlockSource(client, TimeSpan.FromSeconds(15));
        await Console.Error.WriteLineAsync($"follower: chain '{follower.Genesis.ChainId}' at height {follower.Chain.Head.Height}; following {baseAddress} as '{player}'").ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = follower.RunAsync(source, stop.Token);
        var progress = ReportProgressAsync(follower, stop.Token);
        int exit;
        if (serve is not null)
        {
            var options = serve with
            {
                VerifyInBackground = false,
                FollowStatus = () =>
                {
                    var status = follower.Status;
                    return new FollowView(baseAddress.ToString(), source.SourceHeight ?? status.SourceHeight, status.BlocksApplied, status.LastError?.ToString());
                },
            };
            var serving = NodeCommand.ServeAsync(NodeApi.Build(follower, null, options, TimeProvider.System), $"follower of {baseAddress}", stop.Token);
            if (await Task.WhenAny(run, serving).ConfigureAwait(false) == serving && !run.IsCompleted)
            {
                // The API stopped (it could not listen, or Ctrl+C): stop following too.
                await stop.CancelAsync().ConfigureAwait(false);
                var served = await serving.ConfigureAwait(false);
                var stopped = await run.ConfigureAwait(false);
                exit = served != ExitCodes.Ok ? served : Finish(stopped, follower);
            }
            else
            {
                var result = await run.ConfigureAwait(false);
                await stop.CancelAsync().ConfigureAwait(false);
                await serving.ConfigureAwait(false);
                exit = Finish(result, follower);
            }
        }
        else
        {
            var result = await run.ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            exit = Finish(result, follower);
        }

        await progress.ConfigureAwait(false);
        return exit;
    }

    private static bool SameBytes(byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b);

    private static int Finish(Result result, FollowerNode follower)
    {
        if (!result.IsSuccess)
        {
            int? exit = result.Error.Code switch
            {
                FollowerNode.ForgedBlock => ExitCodes.VerificationFailed,
                FollowerNode.SourceRefused => ExitCodes.General,
                _ => null,
            };
            return Shell.Fail(result.Error, json: false, exit);
        }

        Console.Error.WriteLine($"follower: stopped at height {follower.Chain.Head.Height} ({follower.Chain.HeadHash})");
        return ExitCodes.Ok;
    }

    private static async Task ReportProgressAsync(FollowerNode follower, CancellationToken ct)
    {
        var reported = follower.Chain.Head.Height;
        string? lastError = null;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                // Wake on a new block, or every 5 s to report a source error (a wrong key, an unreachable validator).
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(ct);
                tick.CancelAfter(TimeSpan.FromSeconds(5));
                try
                {
                    await follower.Head.WaitBeyondAsync(reported, tick.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                }

                var status = follower.Status;
                if (status.HeadHeight > reported)
                {
                    reported = status.HeadHeight;
                    await Console.Out.WriteLineAsync($"verified block {status.HeadHeight} {status.HeadHash}").ConfigureAwait(false);
                }

                var error = status.LastError?.ToString();
                if (error is not null && !string.Equals(error, lastError, StringComparison.Ordinal))
                {
                    await Console.Error.WriteLineAsync($"follower: {error} (retrying; {status.SourceErrors} source errors so far)").ConfigureAwait(false);
                }

                lastError = error;
                await Task.Delay(TimeSpan.FromMilliseconds(200), ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<int> InitializeAsync(DataDirectory data, HttpClient anonymous, byte[]? trusted, CancellationToken ct)
    {
        byte[] genesis;
        try
        {
            genesis = await anonymous.GetByteArrayAsync(new Uri("api/v1/genesis", UriKind.Relative), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !ct.IsCancellationRequested))
        {
            return Shell.Fail(new Error(HttpBlockSource.Unreachable, $"Cannot fetch the validator's genesis: {ex.Message}"), json: false, ExitCodes.General);
        }

        if (trusted is not null)
        {
            if (!trusted.AsSpan().SequenceEqual(genesis))
            {
                return Shell.Fail(new Error(Flecs.Ledger.LedgerErrors.GenesisInvalid, "The validator's genesis differs from the one given with --genesis."), json: false);
            }
        }
        else
        {
            await Console.Error.WriteLineAsync($"follower: trusting the validator's genesis, SHA-256 {Convert.ToHexStringLower(SHA256.HashData(genesis))} (pin it with --genesis FILE)").ConfigureAwait(false);
        }

        var created = data.InitializeFollower(genesis);
        return created.IsSuccess ? ExitCodes.Ok : Shell.Fail(created.Error, json: false);
    }
}
