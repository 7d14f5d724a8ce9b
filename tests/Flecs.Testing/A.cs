using Flecs.Testing.Builders;
using Flecs.Testing.Chains;

namespace Flecs.Testing;

/// <summary>The entry point of the test builders: each starts from sensible defaults so a test states only what matters to it.</summary>
public static class A
{
    /// <summary>A genesis document with deterministic keys.</summary>
    public static GenesisBuilder Genesis() => new();

    /// <summary>A signed transaction envelope.</summary>
    public static TransactionBuilder Transaction() => new();

    /// <summary>An in-memory chain, optionally with players registered in a setup block.</summary>
    public static TestChainBuilder Chain() => new();
}
