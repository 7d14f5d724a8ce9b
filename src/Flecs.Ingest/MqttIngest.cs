using System.Buffers;
using System.Collections.Immutable;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Crypto.Signatures;
using Flecs.Ingest.Accumulation;
using Flecs.Ingest.Configuration;
using Flecs.Node.Clients;
using Flecs.Node.Sequencing;
using Flecs.Settlement;
using Flecs.Settlement.Meters;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Flecs.Ingest;

/// <summary>
/// The node's MQTT meter ingest (docs/mqtt-ingest.md): subscribes to the configured devices' topics, parses their
/// Tasmota or Shelly energy messages into counter samples, turns those into interval readings
/// (<see cref="IntervalAccumulator"/>), and submits the completed ones as signed <c>submit-readings</c> transactions
/// through the in-process <see cref="EmbeddedNode"/>.
/// </summary>
/// <remarks>
/// <para>
/// A hosted service in shape: <see cref="StartAsync"/> starts the connection loop (reconnecting with exponential
/// backoff, 1 s doubling to 30 s) and the flush loop (every <see cref="IngestConfig.FlushSeconds"/>);
/// <see cref="StopAsync"/> disconnects and flushes what is complete. A bad message is logged with its topic and code,
/// counted, and never stops ingest.
/// </para>
/// <para>
/// Each batch is signed by the meter's configured key (its own, or the gateway's), the transaction by the configured
/// sender. A flush puts every meter's consecutive intervals in one batch (at most 1,440) and as many batches as fit
/// in one transaction; since a transaction is all or nothing, a rejected transaction of several batches is retried
/// batch by batch, and a rejected batch is dropped (counted with its code): the close estimates those intervals.
/// Only intervals that have ended on the ingest's clock are submitted (a reading of an interval that has
/// not ended is refused by the ledger), so pass the node's clock.
/// </para>
/// <para>Thread-safe: messages, flushes and <see cref="Counters"/> may run concurrently.</para>
/// </remarks>
public sealed partial class MqttIngest : IAsyncDisposable
{
    /// <summary>The first wait before reconnecting; it doubles after each failure up to <see cref="MaxBackoff"/>.</summary>
    public static readonly TimeSpan InitialBackoff = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait before reconnecting.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>Room left in a transaction for everything but the readings payload (as <c>flecs meter import</c> leaves).</summary>
    private const int EnvelopeAllowance = 512;

    private readonly IngestConfig _config;
    private readonly EmbeddedNode _node;
    private readonly LedgerClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger<MqttIngest> _logger;
    private readonly PlayerId _sender;
    private readonly Ed25519Signer _senderKey;
    private readonly IReadOnlyList<Ed25519Signer> _keys;
    private readonly MeterSource[] _sources;
    private readonly Dictionary<string, List<MeterSource>> _routes;
    private readonly IMqttClient _mqtt;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _flushLock = new(1, 1);
    private readonly Dictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _rejections = new(StringComparer.Ordinal);
    private readonly List<(long Count, TaskCompletionSource Signal)> _messageWaiters = [];
    private TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource? _stopping;
    private Task _connectionLoop = Task.CompletedTask;
    private Task _flushLoop = Task.CompletedTask;
    private bool _started;
    private bool _disposed;
    private long _messages;
    private long _ignored;
    private long _samples;
    private long _badPayloads;
    private long _intervalsCompleted;
    private long _readingsSubmitted;
    private long _readingsAccepted;
    private long _accepted;
    private long _rejected;
    private long _connections;

    private MqttIngest(IngestConfig config, EmbeddedNode node, LedgerClient client, TimeProvider time, ILogger<MqttIngest> logger, PlayerId sender, Ed25519Signer senderKey, IReadOnlyList<Ed25519Signer> keys, MeterSource[] sources)
    {
        _config = config;
        _node = node;
        _client = client;
        _time = time;
        _logger = logger;
        _sender = sender;
        _senderKey = senderKey;
        _keys = keys;
        _sources = sources;
        _routes = new Dictionary<string, List<MeterSource>>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            foreach (var topic in source.Format.Subscriptions)
            {
                if (!_routes.TryGetValue(topic, out var list))
                {
                    _routes[topic] = list = [];
                }

                list.Add(source);
            }
        }

        _mqtt = new MqttClientFactory().CreateMqttClient();
        _mqtt.ApplicationMessageReceivedAsync += e =>
        {
            var payload = e.ApplicationMessage.Payload;
            Handle(e.ApplicationMessage.Topic ?? string.Empty, payload.IsSingleSegment ? payload.First : payload.ToArray());
            return Task.CompletedTask;
        };
        _mqtt.DisconnectedAsync += _ =>
        {
            MarkUnsubscribed();
            lock (_gate)
            {
                _disconnected.TrySetResult();
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>The topics the ingest subscribes to, ascending.</summary>
    public IReadOnlyList<string> Topics => [.. _routes.Keys.Order(StringComparer.Ordinal)];

    /// <summary>True while connected to the broker with every subscription in place.</summary>
    public bool IsSubscribed
    {
        get
        {
            lock (_gate)
            {
                return _subscribed.Task.IsCompleted;
            }
        }
    }

    /// <summary>A consistent snapshot of the counters.</summary>
    public IngestCounters Counters
    {
        get
        {
            lock (_gate)
            {
                return new IngestCounters(
                    _messages,
                    _ignored,
                    _samples,
                    _badPayloads,
                    _errors.ToImmutableSortedDictionary(StringComparer.Ordinal),
                    _intervalsCompleted,
                    _readingsSubmitted,
                    _readingsAccepted,
                    _accepted,
                    _rejected,
                    _rejections.ToImmutableSortedDictionary(StringComparer.Ordinal),
                    _connections);
            }
        }
    }

    /// <summary>Creates the ingest for a node: reads the keys and checks them against the meters the ledger has registered.</summary>
    /// <param name="config">The configuration (<see cref="IngestConfig.Load"/>).</param>
    /// <param name="node">The in-process node that receives the transactions; it must outlive the ingest.</param>
    /// <param name="dataDirectory">The node's data directory: key paths are relative to it.</param>
    /// <param name="time">The node's clock: receive times and which intervals have ended.</param>
    /// <param name="logger">Where bad payloads, rejections and connection changes are logged.</param>
    /// <param name="client">The client to send with (share the host's, so one sender's sequence numbers come from one place); null creates one.</param>
    /// <returns>The ingest, or the key file's error (<c>crypto.key.*</c>) or <see cref="IngestErrors.ConfigWrongKey"/>.</returns>
    public static Result<MqttIngest> Create(IngestConfig config, EmbeddedNode node, string dataDirectory, TimeProvider time, ILogger<MqttIngest> logger, LedgerClient? client = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        var keys = new Dictionary<string, Ed25519Signer>(StringComparer.Ordinal);
        try
        {
            var senderKey = ReadKey(config.SenderKey);
            if (!senderKey.IsSuccess)
            {
                return senderKey.Error;
            }

            var sources = new List<MeterSource>();
            foreach (var meter in config.Meters)
            {
                var key = ReadKey(meter.Key ?? config.GatewayKey!);
                if (!key.IsSuccess)
                {
                    return key.Error;
                }

                if (SettlementModule.FindMeter(node.Chain.State, meter.Meter) is { } record && record.Signer != key.Value.PublicKey)
                {
                    return Result<MqttIngest>.Fail(IngestErrors.ConfigWrongKey, $"'{meter.Key ?? config.GatewayKey}' is not the key registered for meter '{meter.Meter}' (its batches would not verify).");
                }

                var format = config.CreateFormat(meter);
                if (!format.IsSuccess)
                {
                    return format.Error;
                }

                sources.Add(new MeterSource(meter.Meter, format.Value, key.Value));
            }

            sources.Sort((a, b) => string.CompareOrdinal(a.Meter, b.Meter));
            var ingest = new MqttIngest(config, node, client ?? new LedgerClient(node), time, logger, PlayerId.Parse(config.Sender), senderKey.Value, [.. keys.Values], [.. sources]);
            keys.Clear();
            return ingest;
        }
        finally
        {
            foreach (var key in keys.Values)
            {
                key.Dispose();
            }
        }

        Result<Ed25519Signer> ReadKey(string relative)
        {
            var path = Path.GetFullPath(Path.Combine(dataDirectory, relative));
            if (keys.TryGetValue(path, out var known))
            {
                return known;
            }

            var read = KeyFile.Read(path);
            if (read.IsSuccess)
            {
                keys[path] = read.Value;
            }

            return read;
        }
    }

    /// <summary>Starts connecting (in the background, retrying with backoff) and the periodic flush; returns at once.</summary>
    /// <exception cref="InvalidOperationException">The ingest was started before.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (_started)
        {
            throw new InvalidOperationException("The MQTT ingest was started already; create a new one to start again.");
        }

        _started = true;
        _stopping = new CancellationTokenSource();
        _connectionLoop = Task.Run(() => RunConnectionAsync(_stopping.Token), CancellationToken.None);
        _flushLoop = Task.Run(() => RunFlushAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Disconnects from the broker, stops the flush loop and submits every completed reading (flush on stop).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_stopping is null || _stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
#pragma warning disable VSTHRD003 // The loops are this object's own tasks; they end once _stopping is cancelled.
        await Task.WhenAll(_connectionLoop, _flushLoop).ConfigureAwait(false);
#pragma warning restore VSTHRD003
        await FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Completes once the ingest is connected and subscribed (again, after a reconnection).</summary>
    public Task WaitUntilSubscribedAsync(CancellationToken cancellationToken = default)
    {
        Task subscribed;
        lock (_gate)
        {
            subscribed = _subscribed.Task;
        }

        return subscribed.WaitAsync(cancellationToken);
    }

    /// <summary>Completes once at least <paramref name="count"/> messages have been handled (parsed, accumulated and counted).</summary>
    public Task WaitForMessagesAsync(long count, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_messages >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _messageWaiters.Add((count, signal));
            return signal.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Submits every completed reading whose interval has ended on the clock, and returns how many were accepted.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var runs = TakeEndedRuns();
            if (runs.Count == 0)
            {
                return 0;
            }

            var batches = Sign(runs);
            var accepted = 0;
            var limit = _node.Genesis.Limits.MaxTransactionBytes - EnvelopeAllowance;
            foreach (var payload in Pack(batches, limit))
            {
                var submission = await SendAsync(payload, cancellationToken).ConfigureAwait(false);
                if (submission.IsAccepted)
                {
                    accepted += payload.Batches.Sum(b => b.Count);
                    continue;
                }

                if (payload.Batches.Length == 1)
                {
                    LogBatchRejected(payload.Batches[0].Meter, payload.Batches[0].First, payload.Batches[0].Count, submission.RejectionCode ?? string.Empty, submission.AdmissionError?.Message ?? string.Empty);
                    continue;
                }

                foreach (var batch in payload.Batches)
                {
                    var single = await SendAsync(new ReadingsPayload([batch]), cancellationToken).ConfigureAwait(false);
                    if (single.IsAccepted)
                    {
                        accepted += batch.Count;
                    }
                    else
                    {
                        LogBatchRejected(batch.Meter, batch.First, batch.Count, single.RejectionCode ?? string.Empty, single.AdmissionError?.Message ?? string.Empty);
                    }
                }
            }

            LogFlushed(accepted, batches.Count);
            return accepted;
        }
        finally
        {
            _flushLock.Release();
        }
    }

    /// <summary>Stops (if running), then releases the MQTT client and the keys.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _disposed = true;
            _mqtt.Dispose();
            _stopping?.Dispose();
            _flushLock.Dispose();
            _senderKey.Dispose();
            foreach (var key in _keys)
            {
                if (!ReferenceEquals(key, _senderKey))
                {
                    key.Dispose();
                }
            }
        }
    }

    /// <summary>Handles one message: route, parse, accumulate, count. Never throws.</summary>
    internal void Handle(string topic, ReadOnlyMemory<byte> payload)
    {
        var receivedAt = _time.GetUtcNow();
        lock (_gate)
        {
            _messages++;
            try
            {
                HandleLocked(topic, payload, receivedAt);
            }
            catch (Exception ex)
            {
                Bad(topic, "-", new Error(IngestErrors.PayloadFault, ex.GetType().Name + ": " + ex.Message));
            }

            for (var i = _messageWaiters.Count - 1; i >= 0; i--)
            {
                if (_messageWaiters[i].Count <= _messages)
                {
                    _messageWaiters[i].Signal.TrySetResult();
                    _messageWaiters.RemoveAt(i);
                }
            }
        }
    }

    private void HandleLocked(string topic, ReadOnlyMemory<byte> payload, DateTimeOffset receivedAt)
    {
        if (!_routes.TryGetValue(topic, out var sources))
        {
            Bad(topic, "-", new Error(IngestErrors.TopicUnknown, $"No configured meter reads topic '{topic}'."));
            return;
        }

        var used = false;
        foreach (var source in sources)
        {
            var parsed = source.Format.Parse(topic, payload);
            if (!parsed.IsSuccess)
            {
                Bad(topic, source.Meter, parsed.Error);
                used = true;
                continue;
            }

            if (parsed.Value is not { } sample)
            {
                continue;
            }

            used = true;
            _samples++;
            source.Accumulator ??= new IntervalAccumulator(
                _node.Genesis.IntervalLength,
                SettlementModule.FindMeter(_node.Chain.State, source.Meter)?.FirstInterval ?? long.MinValue,
                TimeSpan.FromSeconds(_config.MaxGapSeconds));
            var step = source.Accumulator.Add(sample with { Time = sample.Time ?? receivedAt });
            if (step.Issue is { } issue)
            {
                Count(issue.Code);
                LogSampleIssue(source.Meter, topic, issue.Code, issue.Message);
            }

            foreach (var reading in step.Completed)
            {
                source.Completed[reading.Interval] = new MeterReadingValue(reading.ImportMilliwattHours, reading.ExportMilliwattHours);
                _intervalsCompleted++;
            }
        }

        if (!used)
        {
            _ignored++;
        }
    }

    private void Bad(string topic, string meter, Error error)
    {
        _badPayloads++;
        Count(error.Code);
        LogBadPayload(topic, meter, error.Code, error.Message);
    }

    private void Count(string code) => _errors[code] = _errors.GetValueOrDefault(code) + 1;

    /// <summary>Takes each meter's completed readings of intervals that have ended, as runs of consecutive intervals.</summary>
    private List<(MeterSource Source, long First, List<MeterReadingValue> Values)> TakeEndedRuns()
    {
        var seconds = _node.Genesis.IntervalLength.Seconds;
        var now = Math.DivRem(_time.GetUtcNow().ToUnixTimeMilliseconds(), 1_000, out var rest) - (rest < 0 ? 1 : 0);
        var runs = new List<(MeterSource, long, List<MeterReadingValue>)>();
        lock (_gate)
        {
            foreach (var source in _sources)
            {
                var ended = source.Completed.Where(r => (r.Key + 1) * seconds <= now).ToList();
                foreach (var (interval, value) in ended)
                {
                    source.Completed.Remove(interval);
                    if (runs.Count == 0 || runs[^1].Item1 != source || runs[^1].Item2 + runs[^1].Item3.Count != interval || runs[^1].Item3.Count == ReadingBatch.MaxIntervals)
                    {
                        runs.Add((source, interval, []));
                    }

                    runs[^1].Item3.Add(value);
                }
            }
        }

        return runs;
    }

    /// <summary>Signs each run as a batch, dropping runs of meters the ledger does not have (or has with another key) and intervals before a meter's first.</summary>
    private List<ReadingBatch> Sign(List<(MeterSource Source, long First, List<MeterReadingValue> Values)> runs)
    {
        var batches = new List<ReadingBatch>();
        var state = _node.Chain.State;
        foreach (var (source, first, values) in runs)
        {
            var record = SettlementModule.FindMeter(state, source.Meter);
            var problem = record is null ? new Error(IngestErrors.MeterUnregistered, $"Meter '{source.Meter}' is not registered on the ledger; {values.Count} readings dropped.")
                : record.Signer != source.Key.PublicKey ? new Error(IngestErrors.MeterWrongKey, $"Meter '{source.Meter}' is registered with another key; {values.Count} readings dropped.")
                : null;
            if (problem is not null)
            {
                lock (_gate)
                {
                    Count(problem.Code);
                }

                LogSampleIssue(source.Meter, source.Format.Topic, problem.Code, problem.Message);
                continue;
            }

            var skip = (int)Math.Clamp(record!.FirstInterval - first, 0, values.Count);
            if (skip < values.Count)
            {
                batches.Add(ReadingBatch.Create(_node.Genesis.ChainId, source.Meter, first + skip, values.GetRange(skip, values.Count - skip), source.Key));
            }
        }

        return batches;
    }

    /// <summary>Packs batches into as few payloads as fit the transaction limit (a batch too large alone is split in halves).</summary>
    private IEnumerable<ReadingsPayload> Pack(List<ReadingBatch> batches, int maxPayloadBytes)
    {
        var current = new List<ReadingBatch>();
        foreach (var batch in batches.SelectMany(b => FitAlone(b, maxPayloadBytes)))
        {
            current.Add(batch);
            if (current.Count > 1 && new ReadingsPayload([.. current]).Encode().Length > maxPayloadBytes)
            {
                current.RemoveAt(current.Count - 1);
                yield return new ReadingsPayload([.. current]);
                current = [batch];
            }
        }

        if (current.Count > 0)
        {
            yield return new ReadingsPayload([.. current]);
        }
    }

    private IEnumerable<ReadingBatch> FitAlone(ReadingBatch batch, int maxPayloadBytes)
    {
        if (batch.Count == 1 || new ReadingsPayload([batch]).Encode().Length <= maxPayloadBytes)
        {
            yield return batch;
            yield break;
        }

        var key = _sources.First(s => string.Equals(s.Meter, batch.Meter, StringComparison.Ordinal)).Key;
        var half = batch.Count / 2;
        var values = Enumerable.Range(0, batch.Count).Select(batch.At).ToList();
        foreach (var part in FitAlone(ReadingBatch.Create(_node.Genesis.ChainId, batch.Meter, batch.First, values.GetRange(0, half), key), maxPayloadBytes))
        {
            yield return part;
        }

        foreach (var part in FitAlone(ReadingBatch.Create(_node.Genesis.ChainId, batch.Meter, batch.First + half, values.GetRange(half, values.Count - half), key), maxPayloadBytes))
        {
            yield return part;
        }
    }

    private async Task<Submission> SendAsync(ReadingsPayload payload, CancellationToken cancellationToken)
    {
        var readings = payload.Batches.Sum(b => b.Count);
        var submission = await _client.SendAsync(_sender, _senderKey, SettlementTransactionTypes.SubmitReadings, payload.Encode(), cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _readingsSubmitted += readings;
            if (submission.IsAccepted)
            {
                _accepted++;
                _readingsAccepted += readings;
            }
            else
            {
                _rejected++;
                var code = submission.RejectionCode ?? "unknown";
                _rejections[code] = _rejections.GetValueOrDefault(code) + 1;
            }
        }

        return submission;
    }

    private async Task RunConnectionAsync(CancellationToken cancellationToken)
    {
        var (host, port) = _config.BrokerEndpoint();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithClientId(_config.ClientId)
            .WithCleanSession(false)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var topic in Topics)
        {
            subscribe.WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        var subscription = subscribe.Build();
        var backoff = InitialBackoff;
        while (!cancellationToken.IsCancellationRequested)
        {
            Task disconnected;
            lock (_gate)
            {
                _disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                disconnected = _disconnected.Task;
            }

            try
            {
                await _mqtt.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
                var result = await _mqtt.SubscribeAsync(subscription, cancellationToken).ConfigureAwait(false);
                var refused = result.Items.Where(i => (int)i.ResultCode > (int)MqttClientSubscribeResultCode.GrantedQoS2).Select(i => i.TopicFilter.Topic).ToList();
                if (refused.Count > 0)
                {
                    LogSubscriptionRefused(string.Join(", ", refused));
                }

                lock (_gate)
                {
                    _connections++;
                    _subscribed.TrySetResult();
                }

                LogConnected(_config.Broker, result.Items.Count - refused.Count);
                backoff = InitialBackoff;
                await disconnected.WaitAsync(cancellationToken).ConfigureAwait(false);
                LogDisconnected(_config.Broker);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogConnectFailed(_config.Broker, backoff, ex.Message);
            }
            finally
            {
                MarkUnsubscribed();
            }

            try
            {
                await Task.Delay(backoff, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            backoff = backoff * 2 < MaxBackoff ? backoff * 2 : MaxBackoff;
        }

        if (_mqtt.IsConnected)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), _time);
            try
            {
                await _mqtt.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().WithReason(MqttClientDisconnectOptionsReason.NormalDisconnection).Build(), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                LogDisconnectFailed(_config.Broker, ex.Message);
            }
        }
    }

    /// <summary>Makes <see cref="WaitUntilSubscribedAsync"/> wait for the next subscription.</summary>
    private void MarkUnsubscribed()
    {
        lock (_gate)
        {
            if (_subscribed.Task.IsCompleted)
            {
                _subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    private async Task RunFlushAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(_config.FlushSeconds), _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await FlushAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    LogFlushFailed(ex.Message);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: StopAsync flushes once more.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT ingest: bad payload on {Topic} (meter {Meter}): {Code}: {Detail}")]
    private partial void LogBadPayload(string topic, string meter, string code, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT ingest: meter {Meter} ({Topic}): {Code}: {Detail}")]
    private partial void LogSampleIssue(string meter, string topic, string code, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT ingest: readings of {Meter} from interval {First} (+{Count}) rejected: {Code} {Detail}")]
    private partial void LogBatchRejected(string meter, long first, int count, string code, string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT ingest: {Accepted} readings accepted from {Batches} batches")]
    private partial void LogFlushed(int accepted, int batches);

    [LoggerMessage(Level = LogLevel.Error, Message = "MQTT ingest: flush failed: {Detail}")]
    private partial void LogFlushFailed(string detail);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT ingest: connected to {Broker}, {Topics} topics subscribed")]
    private partial void LogConnected(string broker, int topics);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT ingest: the broker refused the subscription of {Topics}")]
    private partial void LogSubscriptionRefused(string topics);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT ingest: disconnected from {Broker}; reconnecting")]
    private partial void LogDisconnected(string broker);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT ingest: cannot connect to {Broker} (retrying in {Backoff}): {Detail}")]
    private partial void LogConnectFailed(string broker, TimeSpan backoff, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT ingest: disconnecting from {Broker} failed: {Detail}")]
    private partial void LogDisconnectFailed(string broker, string detail);
}
