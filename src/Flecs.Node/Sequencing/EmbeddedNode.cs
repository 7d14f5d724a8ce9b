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

    /// <summary>The most admitted transactions handed to the sequencer in one piece.</summary>
    private const int ChunkSize = 64;

    /// <summary>Set after every write to the queue (and when it completes); the sequencer resets it before it looks at the queue.</summary>
    private readonly ManualResetEventSlim _queued = new(initialState: false);

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
        foreach (var transaction in transactions)
        {
            // All checked before any is handed over, so that a bad argument leaves nothing half submitted.
            ArgumentNullException.ThrowIfNull(transaction, nameof(transactions));
        }

        var call = new SubmissionCall(transactions.Count);
        Pending? chunk = null;
        for (var i = 0; i < transactions.Count; i++)
        {
            var candidate = new TransactionCandidate(transactions[i]);
            var refused = Admit(candidate);
            if (refused is not null)
            {
                call.Results[i] = Submission.Refused(candidate.Id, refused);
                continue;
            }

            // Admitted transactions go to the sequencer in runs of up to ChunkSize, so that it can order the first ones
            // while the rest are still being verified.
            chunk ??= new Pending(call, Math.Min(ChunkSize, transactions.Count - i), _time.GetTimestamp());
            chunk.Add(candidate, i);
            if (chunk.IsFull)
            {
                await EnqueueAsync(chunk, cancellationToken).ConfigureAwait(false);
                chunk = null;
            }
        }

        if (chunk is not null)
        {
            await EnqueueAsync(chunk, cancellationToken).ConfigureAwait(false);
        }

        call.Release();
        using var registration = cancellationToken.Register(() => call.Completion.TrySetCanceled(cancellationToken));
#pragma warning disable VSTHRD003 // The sequencer completes this source; awaiting it cannot deadlock (continuations run asynchronously).
        await call.Completion.Task.ConfigureAwait(false);
#pragma warning restore VSTHRD003
        return call.Results;
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
            Signal();
        }
        catch (ChannelClosedException)
        {
            return Result.Fail(Stopping, "The node is stopping.");
        }

#pragma warning disable VSTHRD003 // The sequencer completes this source; awaiting it cannot deadlock (continuations run asynchronously).
        var answer = await request.SealCompletion!.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
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
        _queued.Set();
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
            _queued.Dispose();
            await _lock.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Hands a run of admitted transactions to the sequencer; answers them with <see cref="Stopping"/> when the node is stopping.</summary>
    private async ValueTask EnqueueAsync(Pending chunk, CancellationToken cancellationToken)
    {
        chunk.Call!.Expect(chunk.Count);
        try
        {
            if (!_queue.Writer.TryWrite(chunk))
            {
                await _queue.Writer.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
            }

            Signal();
        }
        catch (ChannelClosedException)
        {
            chunk.AnswerRest(new Error(Stopping, "The node is stopping."));
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
        var batch = new List<Slot>(Math.Min(maxCount, 16_384));
        var reader = _queue.Reader;
        while (true)
        {
            batch.Clear();
            if (_carried is null && WaitToRead(reader, Timeout.InfiniteTimeSpan) != true)
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
                sealRequest?.AnswerRest(new Error(LedgerErrors.StoreCorrupt, "The node stopped: " + ex.Message));
                throw;
            }

            sealRequest?.SealCompletion!.TrySetResult(new Submission(default, null, Chain.Head.Height, -1, null));
        }
    }

    /// <summary>
    /// Collects the next block: up to the count and byte limits, waiting for more only until the oldest
    /// transaction in the batch has waited <see cref="NodeOptions.MaxBlockDelay"/> (with
    /// <see cref="NodeOptions.SealOnRequest"/>: until a seal request). A backlog that has already waited that
    /// long is sealed at once. Returns the seal request that ended the batch, if one did.
    /// </summary>
    private Pending? Fill(List<Slot> batch, ChannelReader<Pending> reader, int maxCount, int maxBytes)
    {
        long bytes = 0;
        while (batch.Count < maxCount)
        {
            var chunk = _carried;
            _carried = null;
            if (chunk is null && reader.TryRead(out var next))
            {
                if (next.IsSealRequest)
                {
                    return next;
                }

                chunk = next;
            }

            if (chunk is not null)
            {
                for (; chunk.Next < chunk.Count && batch.Count < maxCount; chunk.Next++)
                {
                    var size = chunk.Candidates[chunk.Next].Bytes.Length;
                    if (bytes + size > maxBytes)
                    {
                        _carried = chunk;
                        return null;
                    }

                    batch.Add(new Slot(chunk, chunk.Next));
                    bytes += size;
                }

                if (chunk.Next < chunk.Count)
                {
                    _carried = chunk;
                }

                continue;
            }

            // The delay is measured on the node's clock; the wait is in real time, so a clock that does not move (a test's)
            // waits again rather than cutting the block.
            // (An explicit flag, not a sentinel: a remaining delay of exactly −1 ms is Timeout.InfiniteTimeSpan.)
            var untilSealed = _options.SealOnRequest;
            var remaining = untilSealed ? Timeout.InfiniteTimeSpan
                : batch.Count == 0 ? _options.MaxBlockDelay : _options.MaxBlockDelay - _time.GetElapsedTime(batch[0].Chunk.AdmittedTimestamp);
            if ((!untilSealed && remaining <= TimeSpan.Zero) || reader.Completion.IsCompleted || WaitToRead(reader, remaining) == false)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>Wakes the sequencer if it reset the signal since the last write (a set signal is only read, not written again).</summary>
    private void Signal()
    {
        if (!_queued.IsSet)
        {
            _queued.Set();
        }
    }

    /// <summary>
    /// Blocks the sequencer thread until an item can be read (true), the channel completes (false) or
    /// <paramref name="timeout"/> of real time passes (null: the caller reads its clock again).
    /// </summary>
    /// <remarks>
    /// A wait on this thread for an event the submitters set, not the channel's <c>WaitToReadAsync</c>: when a write
    /// completed that wait before its continuation was attached, the channel queued the continuation to the thread pool,
    /// and a cancellation timer's callback runs there too; the submitters can keep every pool thread busy verifying
    /// signatures, so the sequencer stalled until the pool grew (measured in <c>flecs bench ledger</c>: 0.5–1.7 s, while
    /// the queue filled with up to 54,000 transactions). The signal is reset before the queue is looked at, so a write
    /// that the look misses sets it again.
    /// </remarks>
    private bool? WaitToRead(ChannelReader<Pending> reader, TimeSpan timeout)
    {
        var infinite = timeout == Timeout.InfiniteTimeSpan;
        var deadline = infinite ? 0 : System.Diagnostics.Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        while (true)
        {
            _queued.Reset();
            if (reader.TryPeek(out _))
            {
                return true;
            }

            if (reader.Completion.IsCompleted)
            {
                return false;
            }

            // A signal left over from a write the sequencer has already read wakes it early: it waits again for what is
            // left of the timeout, not the whole of it.
            var left = infinite ? Timeout.InfiniteTimeSpan : System.Diagnostics.Stopwatch.GetElapsedTime(System.Diagnostics.Stopwatch.GetTimestamp(), deadline);
            if ((!infinite && left <= TimeSpan.Zero) || !_queued.Wait(left))
            {
                return null;
            }
        }
    }

    private void SealAndCommit(List<Slot> batch)
    {
        var candidates = new TransactionCandidate[batch.Count];
        for (var i = 0; i < candidates.Length; i++)
        {
            candidates[i] = batch[i].Candidate;
        }

        if (ValidatorSet.Find(Chain.Validators, _sealerId) is null)
        {
            AnswerAll(batch, new Error(NotValidator, $"'{_sealerId}' is no longer a validator; this node cannot seal."));
            return;
        }

        Block? block = null;
        var answered = 0;
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

            Acknowledge(batch, block, ref answered);
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
            if (!durable)
            {
                AnswerAll(batch, error);
            }
            else if (!acknowledged)
            {
                Acknowledge(batch, block!, ref answered);
            }

            _carried?.AnswerRest(error);
            _carried = null;
            while (_queue.Reader.TryRead(out var queued))
            {
                queued.AnswerRest(error);
            }

            throw;
        }
    }

    /// <summary>Answers every transaction of a block that will not be written with <paramref name="error"/>.</summary>
    private static void AnswerAll(List<Slot> batch, Error error)
    {
        foreach (var slot in batch)
        {
            slot.Answer(Submission.Refused(slot.Candidate.Id, error));
        }
    }

    /// <summary>Answers the block's transactions from <paramref name="answered"/> on (each exactly once, even when resumed after a failure).</summary>
    private static void Acknowledge(List<Slot> batch, Block block, ref int answered)
    {
        for (; answered < batch.Count; answered++)
        {
            batch[answered].Answer(new Submission(batch[answered].Candidate.Id, null, block.Header.Height, answered, block.Receipts[answered]));
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

    /// <summary>
    /// One <see cref="SubmitManyAsync"/> call: its answers in order, complete once every admitted transaction is answered.
    /// The submitter holds one count until it has handed over everything, so the calls' runs cannot complete it early.
    /// </summary>
    private sealed class SubmissionCall(int count)
    {
        private int _outstanding = 1;

        public Submission[] Results { get; } = new Submission[count];

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Expect(int answers) => Interlocked.Add(ref _outstanding, answers);

        public void Answer(int index, Submission answer)
        {
            Results[index] = answer;
            Release();
        }

        public void Release()
        {
            if (Interlocked.Decrement(ref _outstanding) == 0)
            {
                Completion.TrySetResult();
            }
        }
    }

    /// <summary>
    /// A run of one call's admitted transactions, in order, waiting for their blocks (a block may take part of a run and
    /// the next block the rest); or, without a call, a request to seal what came before it.
    /// </summary>
    private sealed class Pending
    {
        private readonly int[] _indexes;

        public Pending(SubmissionCall call, int capacity, long admittedTimestamp)
        {
            Call = call;
            Candidates = new TransactionCandidate[capacity];
            _indexes = new int[capacity];
            AdmittedTimestamp = admittedTimestamp;
        }

        private Pending(long timestamp)
        {
            Candidates = [];
            _indexes = [];
            AdmittedTimestamp = timestamp;
            SealCompletion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public SubmissionCall? Call { get; }

        public TransactionCandidate[] Candidates { get; }

        public int Count { get; private set; }

        /// <summary>The first transaction no block has taken yet (the sequencer's cursor).</summary>
        public int Next { get; set; }

        public bool IsFull => Count == Candidates.Length;

        public bool IsSealRequest => Call is null;

        /// <summary>When the run's first transaction was admitted: the block's delay counts from its oldest.</summary>
        public long AdmittedTimestamp { get; }

        /// <summary>A seal request's answer.</summary>
        public TaskCompletionSource<Submission>? SealCompletion { get; }

        public static Pending SealRequest(long timestamp) => new(timestamp);

        public void Add(TransactionCandidate candidate, int index)
        {
            Candidates[Count] = candidate;
            _indexes[Count] = index;
            Count++;
        }

        public void Answer(int item, Submission answer) => Call!.Answer(_indexes[item], answer);

        /// <summary>Answers every transaction no block has taken with <paramref name="error"/> (a seal request: the request).</summary>
        public void AnswerRest(Error error)
        {
            if (IsSealRequest)
            {
                SealCompletion!.TrySetResult(Submission.Refused(default, error));
                return;
            }

            for (; Next < Count; Next++)
            {
                Answer(Next, Submission.Refused(Candidates[Next].Id, error));
            }
        }
    }

    /// <summary>One transaction of a block being built: the run it came in and its place there.</summary>
    private readonly record struct Slot(Pending Chunk, int Item)
    {
        public TransactionCandidate Candidate => Chunk.Candidates[Item];

        public void Answer(Submission answer) => Chunk.Answer(Item, answer);
    }
}
