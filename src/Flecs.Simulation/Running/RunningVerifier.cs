using System.Threading.Channels;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Crypto.Signatures;
using Flecs.Ledger;
using Flecs.Ledger.Storage;
using Flecs.Ledger.Verification;
using Flecs.Node.Hosting;
using Flecs.Node.Sequencing;

namespace Flecs.Simulation.Running;

/// <summary>
/// Verifies the chain while the run grows it: a second reader of the store replays each committed block from genesis
/// (<see cref="ChainReplay"/>, the checks of <c>flecs ledger verify</c>) on another thread, and compares the whole
/// state once the node has stopped. The run and the replay share nothing but the SQLite file.
/// </summary>
internal sealed class RunningVerifier : IAsyncDisposable
{
    private readonly Channel<long> _heights = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly ILedgerStore _store;
    private readonly byte[] _genesis;
    private readonly Task<VerificationReport> _replay;

    public RunningVerifier(DataDirectory data, byte[] genesis)
    {
        // Opened before the node writes anything (opening records the schema version).
        _store = data.OpenStore();
        _genesis = genesis;
        _replay = Task.Run(ReplayAsync);
    }

    /// <summary>Blocks up to <paramref name="height"/> are durable: replay them.</summary>
    public void Committed(long height) => _heights.Writer.TryWrite(height);

    /// <summary>After the node has stopped at <paramref name="head"/>: replays what is left, compares the state, and checks that the replay ends at the node's head.</summary>
    public async Task<VerificationReport> FinishAsync(long head, Hash256 headHash)
    {
        _heights.Writer.TryWrite(head);
        _heights.Writer.TryComplete();
#pragma warning disable VSTHRD003 // This object started the task; awaiting it here cannot deadlock.
        var report = await _replay.ConfigureAwait(false);
#pragma warning restore VSTHRD003
        return report.IsValid && (report.HeadHeight != head || report.HeadHash != headHash)
            ? report with { Error = new Error(LedgerErrors.StoreCorrupt, $"The replay ends at block {report.HeadHeight} ({report.HeadHash}), the node at {head} ({headHash})."), FirstBadHeight = head }
            : report;
    }

    public async ValueTask DisposeAsync()
    {
        _heights.Writer.TryComplete();
        try
        {
#pragma warning disable VSTHRD003 // This object started the task; awaiting it here cannot deadlock.
            await _replay.ConfigureAwait(false);
#pragma warning restore VSTHRD003
        }
        catch (Exception ex) when (ex is LedgerStoreException or InvalidOperationException)
        {
            // The run failed first; its error is the one reported.
        }

        _store.Dispose();
    }

    private async Task<VerificationReport> ReplayAsync()
    {
        ChainReplay? replay = null;
        long next = 1;
        try
        {
            var begun = ChainReplay.Begin(_store, new Ed25519SignatureVerifier(), StandardModules.Executors(), _genesis);
            if (!begun.IsSuccess)
            {
                return new VerificationReport(begun.Error, 0, 0, 0, -1, default);
            }

            replay = begun.Value;
            await foreach (var head in _heights.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                for (; next <= head; next++)
                {
                    var applied = replay.Apply(_store.ReadBlock(next), next);
                    if (!applied.IsSuccess)
                    {
                        return replay.Failure(applied.Error, next);
                    }
                }
            }

            return replay.Finish(_store);
        }
        catch (LedgerStoreException ex)
        {
            var error = new Error(LedgerErrors.StoreCorrupt, ex.Message);
            return replay?.Failure(error, next) ?? new VerificationReport(error, next, 0, 0, -1, default);
        }
    }
}
