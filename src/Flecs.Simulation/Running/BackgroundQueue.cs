using System.Threading.Channels;

namespace Flecs.Simulation.Running;

/// <summary>
/// Runs posted work one item at a time, in order, on a pool thread: the run's bookkeeping off its critical path. At
/// most <see cref="Capacity"/> items wait (posting then waits), so a lagging worker cannot hoard memory; the first
/// failure stops the worker and is rethrown to the poster.
/// </summary>
internal sealed class BackgroundQueue
{
    public const int Capacity = 48;

    private readonly Channel<Action> _work = Channel.CreateBounded<Action>(new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly Task _worker;

    public BackgroundQueue() => _worker = Task.Run(RunAsync);

    public async Task PostAsync(Action work, CancellationToken ct)
    {
        try
        {
            await _work.Writer.WriteAsync(work, ct).ConfigureAwait(false);
        }
        catch (ChannelClosedException ex)
        {
            throw new SimulationException("The run's bookkeeping failed: " + (ex.InnerException?.Message ?? ex.Message), ex.InnerException ?? ex);
        }
    }

    /// <summary>Waits for everything posted; rethrows the first failure.</summary>
    public async Task CompleteAsync()
    {
        _work.Writer.TryComplete();
#pragma warning disable VSTHRD003 // This object started the task; awaiting it here cannot deadlock.
        await _worker.ConfigureAwait(false);
#pragma warning restore VSTHRD003
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var work in _work.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                work();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Stop taking work: the next post, or the completion, reports the failure.
            _work.Writer.TryComplete(ex);
            throw new SimulationException("The run's bookkeeping failed: " + ex.Message, ex);
        }
    }
}
