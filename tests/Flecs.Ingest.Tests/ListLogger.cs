using Microsoft.Extensions.Logging;

namespace Flecs.Ingest.Tests;

/// <summary>A logger that keeps every entry, for asserting what was logged, and signals waiters for an entry.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    private readonly Lock _gate = new();
    private readonly List<(LogLevel Level, string Message)> _entries = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource Signal)> _waiters = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        var message = formatter(state, exception);
        lock (_gate)
        {
            _entries.Add((logLevel, message));
            foreach (var waiter in _waiters.Where(w => w.Match(message)).ToList())
            {
                waiter.Signal.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Completes once an entry whose message contains <paramref name="text"/> has been logged.</summary>
    public Task WaitForAsync(string text, CancellationToken cancellationToken)
    {
        bool Match(string message) => message.Contains(text, StringComparison.Ordinal);
        lock (_gate)
        {
            if (_entries.Any(e => Match(e.Message)))
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((Match, signal));
            return signal.Task.WaitAsync(cancellationToken);
        }
    }
}
