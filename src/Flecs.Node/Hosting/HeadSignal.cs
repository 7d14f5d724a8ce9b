namespace Flecs.Node.Hosting;

/// <summary>
/// Wakes waiters when a node's head moves: the single writer (sequencer or follower) calls <see cref="Advance"/> after
/// each durable block; readers (the API's block stream, tests) await <see cref="WaitBeyondAsync"/>.
/// </summary>
public sealed class HeadSignal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _height;

    /// <summary>Starts at <paramref name="height"/> (the head when the node opened).</summary>
    public HeadSignal(long height) => _height = height;

    /// <summary>The last durable height announced.</summary>
    public long Height
    {
        get
        {
            lock (_gate)
            {
                return _height;
            }
        }
    }

    /// <summary>Announces a new durable head and wakes every waiter.</summary>
    public void Advance(long height)
    {
        TaskCompletionSource woken;
        lock (_gate)
        {
            if (height <= _height)
            {
                return;
            }

            _height = height;
            woken = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        woken.TrySetResult();
    }

    /// <summary>Completes with the head height once it is above <paramref name="height"/> (at once when it already is).</summary>
    public async Task<long> WaitBeyondAsync(long height, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (_height > height)
                {
                    return _height;
                }

                next = _next.Task;
            }

            await next.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
