using System.Threading.Channels;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Crypto.Signatures;
using Flecs.Ledger;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Execution;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Storage;
using Flecs.Node.Hosting;

namespace Flecs.Node.Sequencing;

/// <summary>One validator with its SQLite store: admits transactions, cuts them into blocks, seals, commits durably, then acknowledges.</summary>
/// <remarks>
/// Admission runs on the submitter's thread and does the order-independent work (size, decoding,
/// chain id, the signature check against the sender's current key), so signature checks use every
/// core. One sequencer task then orders: it cuts a block at the genesis count or byte limit or after
/// <see cref="NodeOptions.MaxBlockDelay"/> (or, with <see cref="NodeOptions.SealOnRequest"/>, when
/// <see cref="SealAsync"/> asks), executes it, writes block and state in one SQLite
/// transaction (WAL, synchronous=FULL) and only then completes the submitters' tasks. A crash loses
/// only unacknowledged transactions; reopening resumes at the last committed block.
/// </remarks>
public sealed class EmbeddedNode : ILedgerNode, IAsyncDisposable
{
    /// <summary>The code when the data directory is locked by another node.</summary>
    public const string Locked = LockedStore.Locked;

    /// <summary>The code when no validator key is available to seal.</summary>
    public const string NoValidatorKey = "node.validator.no-key";

    /// <summary>The code when this node's validator was removed from the validator set.</summary>
    public const string NotValidator = "node.validator.removed";

    /// <summary>The code when the node is shutting down.</summary>
    public const string Stopping = "node.stopping";

    private readonly Channel<Pending> _queue;
    private readonly ILedgerStore _store;
    private readonly FileStream _lock;
    private readonly Ed25519Signer _sealer;
    private readonly PlayerId _sealerId;
    private readonly TimeProvider _time;
    private readonly NodeOptions _options;
    private readonly Lock _storeLock = new();
    private readonly Task _sequencer;
    private Pending? _carried;

    private EmbeddedNode(NodeOptions options, TimeProvider time, FileStream lockFile, ILedgerStore store, Chain chain, Ed25519Signer sealer, PlayerId sealerId)
    {
        _options = options;
        _time = time;
        _lock = lockFile;
        _store = store;
        Chain = chain;
        Head = new HeadSignal(chain.Head.Height);
        _sealer = sealer;
        _sealerId = sealerId;
        // Synchronous continuations: a submitter's write wakes the blocked sequencer thread directly; with
        // asynchronous ones the wake-up waited for a free pool thread (measured: 2 s stalls under load).
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.QueueCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait, AllowSynchronousContinuations = true });
        // A dedicated thread: ordering must not wait for a thread-pool thread while submitters keep
        // every pool thread busy verifying signatures (measured: blocks stalled for seconds).
        _sequencer = Task.Factory.StartNew(RunSequencer, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The chain: genesis, head and committed state (safe to read concurrently).</summary>
    public Chain Chain { get; }

    /// <summary>The genesis document.</summary>
    public GenesisConfig Genesis => Chain.Genesis;

    /// <summary>Moves after each durable block (after its submitters are answered).</summary>
    public HeadSignal Head { get; }

    /// <summary>Opens the node over an initialized data directory.</summary>
    /// <param name="options">The node's options.</param>
    /// <param name="time">The sequencer's clock (block timestamps).</param>
    /// <param name="moduleExecutors">The module executors; null runs <see cref="StandardModules"/>, the set every FLECS node runs.</param>
    public static Result<EmbeddedNode> Open(NodeOptions options, TimeProvider time, IEnumerable<ITransactionExecutor>? moduleExecutors = null)
    {
        moduleExecutors ??= StandardModules.Executors();
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        var data = new DataDirectory(options.DataDirectory);
        var opened = LockedStore.Open(data, moduleExecutors, options.StateSnapshotAfterLogBytes, options.IndexAfterTransactions);
        if (!opened.IsSuccess)
        {
            return opened.Error;
        }

        var sealer = FindSealer(data, opened.Value.Chain.Validators, options.ValidatorId);
        if (!sealer.IsSuccess)
        {
            opened.Value.Dispose();
            return sealer.Error;
        }

        return new EmbeddedNode(options, time, opened.Value.Lock, opened.Value.Store, opened.Value.Chain, sealer.Value.Signer, sealer.Value.Id);
    }

    /// <summary>Submits a transaction and completes when its block is durable (or when admission refuses it).</summary>
    public async Task<Submission> SubmitAsync(byte[] bytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var results = await SubmitManyAsync([bytes], cancellationToken).ConfigureAwait(false);
        return results[0];
    }

    /// <summary>
    /// Submits transactions in order (a gateway's readings, an aggregator's portfolio) and completes when
    /// every one is in a durable block or refused at admission; one answer per transaction, in order.
    /// </summary>
    /// <remarks>Cheaper per transaction than <see cref="SubmitAsync"/>: one task and one cancellation registration per batch.</remarks>
    public async Task<Submission[]> SubmitManyAsync(IReadOnlyList<byte[]> transactions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var results = new Submission[transactions.Count];
        var pending = new Pending?[transactions.Count];
        for (var i = 0; i < transactions.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(transactions[i], nameof(transactions));
            var candidate = new TransactionCandidate(transactions[i]);
            var refused = Admit(candidate);
            if (refused is not null)
            {
                results[i] = new Submission(candidate.Id, refused, -1, -1, null);
                continue;
            }

            var item = new Pending(candidate, _time.GetTimestamp());
            try
            {
                if (!_queue.Writer.TryWrite(item))
                {
                    await _queue.Writer.WriteAsync(item, cancellationToken).ConfigureAwait(false);
                }

                pending[i] = item;
            }
            catch (ChannelClosedException)
            {
                results[i] = new Submission(candidate.Id, new Error(Stopping, "The node is stopping."), -1, -1, null);
            }
        }

        using var registration = cancellationToken.Register(() =>
        {
            foreach (var item in pending)
            {
                item?.Completion.TrySetCanceled(cancellationToken);
            }
        });
        for (var i = 0; i < pending.Length; i++)
        {
            if (pending[i] is { } item)
            {
#pragma warning disable VSTHRD003 // The sequencer completes these sources; awaiting them cannot deadlock (continuations run asynchronously).
                results[i] = await item.Completion.Task.ConfigureAwait(false);
#pragma warning restore VSTHRD003
            }
        }

        return results;
    }

    /// <summary>
    /// Cuts a block of everything submitted before this call (nothing when nothing is waiting) and completes when it
    /// is durable. With <see cref="NodeOptions.SealOnRequest"/> this is how blocks end short of the limits: one
    /// submitter that submits in order and then seals gets the same blocks on every run.
    /// </summary>
    /// <returns>Success, or the error of a node that is stopping or stopped (the transactions before it were answered with it too).</returns>
    public async Task<Result> SealAsync(CancellationToken cancellationToken = default)
    {
        var request = Pending.SealRequest(_time.GetTimestamp());
        try
        {
            await _queue.Writer.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return Result.Fail(Stopping, "The node is stopping.");
        }

#pragma warning disable VSTHRD003 // The sequencer completes this source; awaiting it cannot deadlock (continuations run asynchronously).
        var answer = await request.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
#pragma warning restore VSTHRD003
        return answer.AdmissionError is { } error ? Result.Fail(error) : Result.Success;
    }

    /// <summary>Runs <paramref name="read"/> against the store, serialized with block writes.</summary>
    public T Read<T>(Func<ILedgerStore, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_storeLock)
        {
            return read(_store);
        }
    }

    /// <summary>Stops admitting, seals what is queued, and closes the store.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
#pragma warning disable VSTHRD003 // The sequencer task is owned by this node; awaiting it here cannot deadlock.
            await _sequencer.ConfigureAwait(false);
#pragma warning restore VSTHRD003
        }
        finally
        {
            _store.Dispose();
            _sealer.Dispose();
            await _lock.DisposeAsync().ConfigureAwait(false);
        }
    }

    private Error? Admit(TransactionCandidate candidate)
    {
        var envelope = Chain.Executor.CheckEnvelope(candidate);
        if (!envelope.IsSuccess)
        {
            return envelope.Error;
        }

        Chain.Executor.Preverify(candidate, Chain.State);
        return null;
    }

    private void RunSequencer()
    {
        var maxCount = Math.Min(_options.MaxBlockTransactions ?? int.MaxValue, Genesis.Limits.MaxBlockTransactions);
        var maxBytes = Genesis.Limits.MaxBlockBytes;
        var batch = new List<Pending>(Math.Min(maxCount, 16_384));
        var reader = _queue.Reader;
        while (true)
        {
            batch.Clear();
            if (_carried is { } carried)
            {
                batch.Add(carried);
                _carried = null;
            }
            else if (!WaitToRead(reader, Timeout.InfiniteTimeSpan))
            {
                return;
            }

            var sealRequest = Fill(batch, reader, maxCount, maxBytes);
            try
            {
                if (batch.Count > 0)
                {
                    SealAndCommit(batch);
                }
            }
            catch (Exception ex)
            {
                // Fail-stop (SealAndCommit answered the batch and the queue): the seal request taken off the queue is answered too.
                sealRequest?.Completion.TrySetResult(new Submission(default, new Error(LedgerErrors.StoreCorrupt, "The node stopped: " + ex.Message), -1, -1, null));
                throw;
            }

            sealRequest?.Completion.TrySetResult(new Submission(default, null, Chain.Head.Height, -1, null));
        }
    }

    /// <summary>
    /// Collects the next block: up to the count and byte limits, waiting for more only until the oldest
    /// transaction in the batch has waited <see cref="NodeOptions.MaxBlockDelay"/> (with
    /// <see cref="NodeOptions.SealOnRequest"/>: until a seal request). A backlog that has already waited that
    /// long is sealed at once. Returns the seal request that ended the batch, if one did.
    /// </summary>
    private Pending? Fill(List<Pending> batch, ChannelReader<Pending> reader, int maxCount, int maxBytes)
    {
        long bytes = batch.Sum(p => (long)p.Bytes);
        while (batch.Count < maxCount)
        {
            if (reader.TryRead(out var next))
            {
                if (next.IsSealRequest)
                {
                    return next;
                }

                if (bytes + next.Bytes > maxBytes)
                {
                    _carried = next;
                    return null;
                }

                batch.Add(next);
                bytes += next.Bytes;
                continue;
            }

            var remaining = _options.SealOnRequest ? Timeout.InfiniteTimeSpan
                : batch.Count == 0 ? _options.MaxBlockDelay : _options.MaxBlockDelay - _time.GetElapsedTime(batch[0].AdmittedTimestamp);
            if ((remaining <= TimeSpan.Zero && remaining != Timeout.InfiniteTimeSpan) || reader.Completion.IsCompleted || !WaitToRead(reader, remaining))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Blocks the sequencer thread until an item can be read, the channel completes (false) or <paramref name="timeout"/> passes (false).</summary>
    private bool WaitToRead(ChannelReader<Pending> reader, TimeSpan timeout)
    {
        using var cts = timeout == Timeout.InfiniteTimeSpan ? null : new CancellationTokenSource(timeout, _time);
        try
        {
#pragma warning disable VSTHRD002 // The sequencer owns a dedicated thread; blocking it is the design, and the writer completes the wait directly.
            return reader.WaitToReadAsync(cts?.Token ?? CancellationToken.None).AsTask().GetAwaiter().GetResult();
#pragma warning restore VSTHRD002
        }
        catch (OperationCanceledException) when (cts?.IsCancellationRequested == true)
        {
            return false;
        }
    }

    private void SealAndCommit(List<Pending> batch)
    {
        var candidates = new TransactionCandidate[batch.Count];
        for (var i = 0; i < candidates.Length; i++)
        {
            candidates[i] = batch[i].Candidate!;
        }

        if (ValidatorSet.Find(Chain.Validators, _sealerId) is null)
        {
            var removed = new Error(NotValidator, $"'{_sealerId}' is no longer a validator; this node cannot seal.");
            foreach (var pending in batch)
            {
                pending.Completion.TrySetResult(new Submission(pending.Candidate!.Id, removed, -1, -1, null));
            }

            return;
        }

        Block? block = null;
        var durable = false;
        var acknowledged = false;
        try
        {
            lock (_storeLock)
            {
                var (built, outcome) = Chain.Build(candidates, _time.GetUtcNow().ToUnixTimeMilliseconds(), _sealerId, _sealer, _store.WasAccepted);
                block = built;
                _store.Append(built, outcome.Writes);
                durable = true;
                Chain.Commit(built, outcome);
            }

            Acknowledge(batch, block);
            acknowledged = true;
            Head.Advance(block.Header.Height);

            // After the answers: the store catching up on what it deferred (rare: a state snapshot takes a fraction of a
            // second per 100,000 keys) delays only the next block.
            lock (_storeLock)
            {
                _store.CompactIfDue(Chain.State.Snapshot);
            }
        }
        catch (Exception ex)
        {
            // Fail-stop: the node stops ordering and a restart resumes from the last committed block.
            // A durable block is still acknowledged; everything not in it is answered with the error.
            var error = new Error(LedgerErrors.StoreCorrupt, "The node stopped: " + ex.Message);
            _queue.Writer.TryComplete(ex);
            var unanswered = new List<Pending>();
            if (!durable)
            {
                unanswered.AddRange(batch);
            }
            else if (!acknowledged)
            {
                Acknowledge(batch, block!);
            }

            if (_carried is { } carried)
            {
                unanswered.Add(carried);
                _carried = null;
            }

            while (_queue.Reader.TryRead(out var queued))
            {
                unanswered.Add(queued);
            }

            foreach (var pending in unanswered)
            {
                pending.Completion.TrySetResult(new Submission(pending.Candidate?.Id ?? default, error, -1, -1, null));
            }

            throw;
        }
    }

    private static void Acknowledge(List<Pending> batch, Block block)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(new Submission(batch[i].Candidate!.Id, null, block.Header.Height, i, block.Receipts[i]));
        }
    }

    private static Result<(Ed25519Signer Signer, PlayerId Id)> FindSealer(DataDirectory data, IReadOnlyList<ValidatorInfo> validators, string? validatorId)
    {
        foreach (var validator in validators)
        {
            if (validatorId is not null && !string.Equals(validator.Id.Value, validatorId, StringComparison.Ordinal))
            {
                continue;
            }

            var path = data.KeyPath(validator.Id);
            if (!File.Exists(path))
            {
                continue;
            }

            var key = KeyFile.Read(path);
            if (!key.IsSuccess)
            {
                return key.Error;
            }

            if (key.Value.PublicKey != validator.PublicKey)
            {
                key.Value.Dispose();
                return Result<(Ed25519Signer, PlayerId)>.Fail(NoValidatorKey, $"'{path}' is not the key the ledger names for validator '{validator.Id}'.");
            }

            return (key.Value, validator.Id);
        }

        return Result<(Ed25519Signer, PlayerId)>.Fail(NoValidatorKey, $"No key of a current validator in '{data.KeysPath}'{(validatorId is null ? string.Empty : $" for '{validatorId}'")}.");
    }

    /// <summary>A transaction waiting for its block, or (without a candidate) a request to seal what came before it.</summary>
    private sealed class Pending(TransactionCandidate? candidate, long admittedTimestamp)
    {
        public TransactionCandidate? Candidate { get; } = candidate;

        public bool IsSealRequest => Candidate is null;

        public int Bytes => Candidate?.Bytes.Length ?? 0;

        public long AdmittedTimestamp { get; } = admittedTimestamp;

        public TaskCompletionSource<Submission> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public static Pending SealRequest(long timestamp) => new(null, timestamp);
    }
}
