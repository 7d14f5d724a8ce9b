using Flecs.Testing.Hosting;

namespace Flecs.Node.Tests.Following;

/// <summary>A validator's data directory holding the <see cref="ValidatorChain"/>, built once per test class; no node has it open afterwards.</summary>
public sealed class ValidatorChainFixture : IAsyncLifetime
{
    public TempDataDirectory Dir { get; } = TempDataDirectory.Create();

    public long HeadHeight { get; private set; }

    public async ValueTask InitializeAsync()
    {
        await using var node = Dir.OpenNode();
        await ValidatorChain.BuildAsync(node, Dir, TestContext.Current.CancellationToken);
        HeadHeight = node.Chain.Head.Height;
    }

    public ValueTask DisposeAsync()
    {
        Dir.Dispose();
        return ValueTask.CompletedTask;
    }
}
