using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Ledger;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Execution;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Storage;
using Flecs.Ledger.Verification;
using Flecs.Node.Hosting;
using Flecs.Node.Sequencing;

namespace Flecs.Node.Following;

/// <summary>
/// A verifying follower: replicates a validator's blocks from an <see cref="IBlockSource"/> into its own data directory
/// and checks every one before storing it (hash link, seal by a validator of that height, Merkle roots, receipts by
/// re-execution). It holds no key and seals nothing.
/// </summary>
/// <remarks>
/// <para>
/// A block that fails any check is refused (<see cref="ForgedBlock"/>): nothing is written and the follower stops with its
/// head where it was. This is how a compromised validator is detected (docs/adr/0004-fault-model.md): the forged block is
/// evidence signed by its key, and the follower keeps the last chain it could verify. A source that cannot be reached is
/// no forgery: the follower retries it with backoff and counts the failures in <see cref="Status"/>.
/// </para>
/// <para>
/// Each accepted block and its state writes go to the store in one transaction, then the chain commits and
/// <see cref="Head"/> moves, exactly as on the validator, so a follower survives a crash like the validator does and
/// <c>flecs ledger verify</c> passes on its directory. The directory's <c>node.lock</c> keeps any other node out.
/// </para>
/// </remarks>
public sealed class FollowerNode : ILedgerNode, IAsyncDisposable
{
    /// <summary>The code when a block from the source fails verification (the message names the height and the check).</summary>
    public const string ForgedBlock = "node.follow.forged-block";

    /// <summary>The code when the source failed in a way it did not report as a result (an exception, or a head it does not serve).</summary>
    public const string SourceFailed = "node.follow.source-failed";

    /// <summary>
    /// The code a source gives when it refuses the follower itself (a validator that does not accept its credentials):
    /// retrying cannot help, so the follower stops with it instead of backing off.
    /// </summary>
    public const string SourceRefused = "node.follow.source-refused";

    /// <summary>The code when the data directory is locked by another node.</summary>
    public const string Locked = LockedStore.Locked;

    private readonly ILedgerStore _store;
    private readonly FileStream _lock;
    private readonly FollowerOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _storeLock = new();
    private readonly Lock _statusLock = new();
    private readonly SemaphoreSlim _runGate = new(1, 1);
    private readonly CancellationTokenSource _disposing = new();
    private long _headHeight;
    private Hash256 _headHash;
    private long? _sourceHeight;
    private long _blocksApplied;
    private long _sourceErrors;
    private Error? _lastError;
    private Error? _fault;
    private bool _isRunning;
    private int _disposed;

    private FollowerNode(FollowerOptions options, TimeProvider time, LockedStore opened)
    {
        _options = options;
        _time = time;
        _lock = opened.Lock;
        _store = opened.Store;
        Chain = opened.Chain;
        Head = new HeadSignal(Chain.Head.Height);
        _headHeight = Chain.Head.Height;
        _headHash = Chain.HeadHash;
    }

    /// <inheritdoc/>
    public Chain Chain { get; }

    /// <inheritdoc/>
    public GenesisConfig Genesis => Chain.Genesis;

    /// <summary>Moves after each verified block is durable.</summary>
    public HeadSignal Head { get; }

    /// <summary>The follower's progress: head, the source's head when known, counters and the last error (safe to read concurrently).</summary>
    public FollowerStatus Status
    {
        get
        {
            lock (_statusLock)
            {
                return new FollowerStatus(_headHeight, _headHash, _sourceHeight, _blocksApplied, _sourceErrors, _lastError, _isRunning);
            }
        }
    }

    /// <summary>Opens a follower over its data directory: takes the lock and restores the chain from its own store.</summary>
    /// <param name="options">The follower's options.</param>
    /// <param name="time">The clock of the retry backoff.</param>
    /// <param name="moduleExecutors">The module executors re-execution runs; null runs <see cref="StandardModules"/>, the set every FLECS node runs.</param>
    /// <returns>The follower; or the data directory's error (<see cref="DataDirectory.NotInitialized"/>, <see cref="Locked"/>,
    /// <see cref="LedgerErrors.StoreCorrupt"/>).</returns>
    public static Result<FollowerNode> Open(FollowerOptions options, TimeProvider time, IEnumerable<ITransactionExecutor>? moduleExecutors = null)
    {
        moduleExecutors ??= StandardModules.Executors();
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        var opened = LockedStore.Open(new DataDirectory(options.DataDirectory), moduleExecutors);
        return opened.IsSuccess ? new FollowerNode(options, time, opened.Value) : opened.Error;
    }

    /// <summary>
    /// Follows <paramref name="source"/>: fetches heights head + 1, head + 2, … and verifies, stores and commits each; waits
    /// on the source when it has no next block yet; retries source errors with backoff.
    /// </summary>
    /// <returns>
    /// Success when <paramref name="cancellationToken"/> (or disposing the follower) stopped it; <see cref="ForgedBlock"/>
    /// when a block failed verification (nothing of it was written); <see cref="LedgerErrors.StoreCorrupt"/> when the follower's
    /// own store failed (it refuses to run again until reopened); <see cref="SourceRefused"/> when the source refused the
    /// follower's credentials for good.
    /// </returns>
    /// <exception cref="InvalidOperationException">The follower is already running.</exception>
    /// <exception cref="ObjectDisposedException">The follower is disposed.</exception>
    public async Task<Result> RunAsync(IBlockSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (!await _runGate.WaitAsync(0, CancellationToken.None).ConfigureAwait(false))
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            throw new InvalidOperationException("The follower is already running.");
        }

        try
        {
            if (_fault is { } fault)
            {
                return fault;
            }

            SetRunning(true);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
            return await FollowAsync(source, stop.Token).ConfigureAwait(false);
        }
        finally
        {
            SetRunning(false);
            _runGate.Release();
        }
    }

    /// <inheritdoc/>
    public T Read<T>(Func<ILedgerStore, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_storeLock)
        {
            return read(_store);
        }
    }

    /// <summary>Stops a running <see cref="RunAsync"/> (after the block it is applying), then closes the store and releases the lock.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _disposing.CancelAsync().ConfigureAwait(false);
        await _runGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            _store.Dispose();
        }
        finally
        {
            await _lock.DisposeAsync().ConfigureAwait(false);
            _disposing.Dispose();
            _runGate.Dispose();
        }
    }

    private async Task<Result> FollowAsync(IBlockSource source, CancellationToken cancellationToken)
    {
        var failures = 0;
        long? promised = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var next = checked(Chain.Head.Height + 1);
            Result<StoredBlock?> fetched;
            try
            {
                fetched = await source.FetchAsync(next, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // A transport's exception (a timeout, a reset connection) is a source failure, retried like one.
                fetched = Result<StoredBlock?>.Fail(SourceFailed, $"Fetching block {next}: {ex.Message}");
            }

            if (fetched.IsSuccess && fetched.Value is null && promised >= next)
            {
                fetched = Result<StoredBlock?>.Fail(SourceFailed, $"The source reports head {promised} but serves no block {next}.");
            }

            if (!fetched.IsSuccess)
            {
                promised = null;
                failures++;
                if (await AfterSourceErrorAsync(fetched.Error, failures, cancellationToken).ConfigureAwait(false) is { } end)
                {
                    return end;
                }

                continue;
            }

            if (fetched.Value is not { } stored)
            {
                var waited = await WaitAsync(source, next, cancellationToken).ConfigureAwait(false);
                if (waited is null)
                {
                    break;
                }

                if (!waited.Value.IsSuccess)
                {
                    promised = null;
                    failures++;
                    if (await AfterSourceErrorAsync(waited.Value.Error, failures, cancellationToken).ConfigureAwait(false) is { } end)
                    {
                        return end;
                    }

                    continue;
                }

                failures = 0;
                promised = waited.Value.Value;
                NoteSourceHeight(promised);
                continue;
            }

            failures = 0;
            promised = null;
            NoteSourceHeight(next);
            var applied = Apply(stored, next);
            if (!applied.IsSuccess)
            {
                return Stop(applied.Error);
            }
        }

        return Result.Success;
    }

    /// <summary>Waits on the source; null when <paramref name="cancellationToken"/> stopped the wait.</summary>
    private static async Task<Result<long?>?> WaitAsync(IBlockSource source, long height, CancellationToken cancellationToken)
    {
        try
        {
            return await source.WaitForHeightAsync(height, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (Exception ex)
        {
            return Result<long?>.Fail(SourceFailed, $"Waiting for block {height}: {ex.Message}");
        }
    }

    /// <summary>Verifies the block and, when it is valid, stores and commits it; nothing is written otherwise.</summary>
    private Result Apply(StoredBlock stored, long height)
    {
        lock (_storeLock)
        {
            try
            {
                var block = LedgerVerifier.ToBlock(stored);
                var outcome = block.IsSuccess ? Chain.Validate(block.Value, _store.WasAccepted) : Result<BlockOutcome>.Fail(block.Error);
                if (!outcome.IsSuccess)
                {
                    return Result.Fail(ForgedBlock, $"Block {height} from the source is refused: {outcome.Error.Code}: {outcome.Error.Message}");
                }

                _store.Append(block.Value, outcome.Value.Writes);
                Chain.Commit(block.Value, outcome.Value);
                _store.CompactIfDue(Chain.State.Snapshot);
            }
            catch (LedgerStoreException ex)
            {
                // Fail-stop, as on the validator: the store's transaction was rolled back; reopening resumes at the last durable block.
                _fault = new Error(LedgerErrors.StoreCorrupt, $"The follower stopped at block {height}: {ex.Message}");
                return _fault;
            }
        }

        lock (_statusLock)
        {
            _headHeight = Chain.Head.Height;
            _headHash = Chain.HeadHash;
            _blocksApplied++;
        }

        Head.Advance(height);
        return Result.Success;
    }

    /// <summary>
    /// What follows a source error: the follower stops with <see cref="SourceRefused"/> (no retry can change it); or it
    /// records the error and backs off, then tries again (null), unless <paramref name="cancellationToken"/> stopped the wait
    /// (success: a normal stop).
    /// </summary>
    private async Task<Result?> AfterSourceErrorAsync(Error error, int failures, CancellationToken cancellationToken)
    {
        if (string.Equals(error.Code, SourceRefused, StringComparison.Ordinal))
        {
            return Stop(error);
        }

        return await BackOffAsync(error, failures, cancellationToken).ConfigureAwait(false) ? (Result?)null : Result.Success;
    }

    /// <summary>Records the error that stops the follower and returns it.</summary>
    private Result Stop(Error error)
    {
        lock (_statusLock)
        {
            _lastError = error;
        }

        return Result.Fail(error);
    }

    /// <summary>Records a source error and waits before the next try; false when <paramref name="cancellationToken"/> stopped the wait.</summary>
    private async Task<bool> BackOffAsync(Error error, int failures, CancellationToken cancellationToken)
    {
        lock (_statusLock)
        {
            _sourceErrors++;
            _lastError = error;
        }

        var delay = _options.RetryDelay;
        for (var i = 1; i < failures && delay > TimeSpan.Zero && delay < _options.MaxRetryDelay; i++)
        {
            delay += delay;
        }

        try
        {
            await Task.Delay(delay < _options.MaxRetryDelay ? delay : _options.MaxRetryDelay, _time, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private void NoteSourceHeight(long? height)
    {
        if (height is not { } value)
        {
            return;
        }

        lock (_statusLock)
        {
            _sourceHeight = _sourceHeight is { } known && known > value ? known : value;
        }
    }

    private void SetRunning(bool running)
    {
        lock (_statusLock)
        {
            _isRunning = running;
        }
    }
}
