using System.Diagnostics;
using Flecs.Ledger.Transactions;
using Flecs.Node.Clients;
using Flecs.Testing.Builders;
using Flecs.Testing.Hosting;

namespace Flecs.Node.Tests.Sequencing;

/// <summary>Starves the thread pool on purpose, so nothing else may run beside it.</summary>
[CollectionDefinition(nameof(ThreadPoolStarvation), DisableParallelization = true)]
public sealed class ThreadPoolStarvation;

[Collection(nameof(ThreadPoolStarvation))]
[Trait("Category", "Integration")]
public sealed class SequencerStarvationTests : IDisposable
{
    private readonly TempDataDirectory _dir = TempDataDirectory.Create();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// Submitters that keep every pool thread busy (verifying signatures, in a real node) must not hold up ordering:
    /// the sequencer cuts a block after its delay on its own thread. It once waited for a pool thread to run a timer
    /// callback or the channel's continuation, and stalled for up to 1.7 s.
    /// </summary>
    [Fact(Timeout = 60_000)]
    public async Task Submission_ThreadPoolStarved_BlockIsCutAfterTheDelayAnyway()
    {
        var ct = TestContext.Current.CancellationToken;
        var blockDelay = TimeSpan.FromMilliseconds(50);
        var starvation = TimeSpan.FromSeconds(3);
        await using var node = _dir.OpenNode(maxBlockDelay: blockDelay);
        var client = new LedgerClient(node);
        var sa = _dir.Sa;
        var transaction = client.Sign(sa.Id, sa.Signer, TransactionType.AnchorDocument, Payloads.Anchor("while the pool is busy")).Bytes;
        var headBefore = node.Chain.Head.Height;

        // Every pool thread, and those the pool adds while starved, blocks until the test is done.
        using var release = new ManualResetEventSlim();
        ThreadPool.GetMinThreads(out var workers, out _);
        var blockers = Enumerable.Range(0, Math.Max(workers, Environment.ProcessorCount) + 16)
            .Select(_ => Task.Factory.StartNew(() => release.Wait(starvation), CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default))
            .ToArray();

        // Submitted and watched from a thread of its own: admission and enqueueing run on the caller's thread.
        TimeSpan? cut = null;
        var submitter = new Thread(() =>
        {
            var watch = Stopwatch.StartNew();
            _ = node.SubmitAsync(transaction, ct);
            while (watch.Elapsed < starvation && node.Chain.Head.Height == headBefore)
            {
                Thread.Sleep(1);
            }

            if (node.Chain.Head.Height > headBefore)
            {
                cut = watch.Elapsed;
            }
        });
        submitter.Start();
        submitter.Join();
        release.Set();
        await Task.WhenAll(blockers);

        Assert.NotNull(cut);
        Assert.True(cut < TimeSpan.FromSeconds(1), $"The block was cut {cut!.Value.TotalMilliseconds:F0} ms after the submission; the delay is {blockDelay.TotalMilliseconds} ms.");
    }
}
