using Flecs.Api.Views;
using Flecs.Core.Results;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Storage;
using Flecs.Ledger.Verification;
using Flecs.Node.Hosting;
using Flecs.Node.Sequencing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Flecs.Api.Hosting;

/// <summary>
/// Re-verifies the node's own chain while it grows (<see cref="ChainReplay"/>: hash links, seals, roots, signatures and
/// re-executed receipts of every block), so the dashboard and the status show a verify result that is current.
/// Stops at the first mismatch and reports it.
/// </summary>
public sealed partial class BackgroundVerifier(ILedgerNode node, bool enabled, ILogger<BackgroundVerifier> logger) : BackgroundService
{
    private volatile VerifyView _status = new(enabled, 0, true, null, null);

    /// <summary>The current result.</summary>
    public VerifyView Status => _status;

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!enabled)
        {
            return;
        }

        await Task.Yield();
        var begun = node.Read(s => ChainReplay.Begin(s, new Ed25519SignatureVerifier(), StandardModules.Executors()));
        if (!begun.IsSuccess)
        {
            Fail(begun.Error, 0);
            return;
        }

        var replay = begun.Value;
        try
        {
            await foreach (var stored in CommittedBlocks.FollowAsync(node, replay.Height, stoppingToken).ConfigureAwait(false))
            {
                var applied = replay.Apply(stored, stored.Height);
                if (!applied.IsSuccess)
                {
                    Fail(applied.Error, stored.Height);
                    return;
                }

                _status = new VerifyView(true, stored.Height, true, null, null);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The node is stopping.
        }
        catch (LedgerStoreException ex)
        {
            Fail(new Error(Flecs.Ledger.LedgerErrors.StoreCorrupt, ex.Message), replay.Height + 1);
        }
    }

    private void Fail(Error error, long height)
    {
        _status = new VerifyView(true, Math.Max(0, height - 1), false, error.Code, $"Block {height}: {error.Message}");
        LogFailure(logger, height, error.Code, error.Message);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Verification failed at block {Height}: {Code} {Message}")]
    private static partial void LogFailure(ILogger logger, long height, string code, string message);
}
