using System.Reflection;
using System.Runtime.CompilerServices;

namespace Flecs.Architecture.Tests;

/// <summary>Enforces the dependency direction of docs/architecture.md by reflection over the built assemblies.</summary>
public sealed class DependencyTests
{
    public static TheoryData<string, string[]> AllowedReferences => new()
    {
        { "Flecs.Core", [] },
        { "Flecs.Market", ["Flecs.Core"] },
        { "Flecs.Crypto", ["Flecs.Core", "NSec.Cryptography"] },
        { "Flecs.Ledger", ["Flecs.Core", "Flecs.Crypto", "System.Formats.Cbor"] },
        // SQLitePCLRaw.core is the SQLite binding under Microsoft.Data.Sqlite: the per-row inserts run on it directly.
        { "Flecs.Storage.Sqlite", ["Flecs.Core", "Flecs.Crypto", "Flecs.Ledger", "Microsoft.Data.Sqlite", "SQLitePCLRaw.core"] },
        { "Flecs.Storage.Postgres", ["Flecs.Core", "Flecs.Crypto", "Flecs.Ledger", "Npgsql"] },
        { "Flecs.Contracts", ["Flecs.Core", "Flecs.Crypto", "Flecs.Ledger", "System.Formats.Cbor", "Jint", "Acornima"] },
        { "Flecs.Settlement", ["Flecs.Core", "Flecs.Crypto", "Flecs.Ledger", "Flecs.Market", "Flecs.Contracts", "System.Formats.Cbor"] },
        { "Flecs.Import", ["Flecs.Core"] },
        { "Flecs.Node", ["Flecs.Core", "Flecs.Crypto", "Flecs.Ledger", "Flecs.Contracts", "Flecs.Market", "Flecs.Settlement", "Flecs.Storage.Sqlite", "Flecs.Storage.Postgres"] },
        // The HTTP edge: serves a node (validator or follower); nothing below it knows ASP.NET Core.
        { "Flecs.Api", ["Flecs.Core", "Flecs.Crypto", "Flecs.Ledger", "System.Formats.Cbor", "Flecs.Contracts", "Flecs.Market", "Flecs.Settlement", "Flecs.Node", "Microsoft.AspNetCore", "Microsoft.Extensions", "Microsoft.OpenApi", "Microsoft.Net.Http.Headers"] },
        // Off-chain: MQTT energy counters in, signed readings out through the node's client.
        { "Flecs.Ingest", ["Flecs.Core", "Flecs.Crypto", "Flecs.Ledger", "Flecs.Settlement", "Flecs.Node", "MQTTnet", "Microsoft.Extensions.Logging.Abstractions"] },
        // Off-chain: drives a node through its client API; reads the store only through the ledger's port.
        { "Flecs.Simulation", ["Flecs.Core", "Flecs.Crypto", "Flecs.Ledger", "Flecs.Contracts", "Flecs.Market", "Flecs.Settlement", "Flecs.Node", "YamlDotNet", "ScottPlot", "Parquet", "SkiaSharp"] },
    };

    public static TheoryData<string> DeterministicAssemblies => ["Flecs.Core", "Flecs.Crypto", "Flecs.Ledger", "Flecs.Market", "Flecs.Contracts", "Flecs.Settlement"];

    [Theory]
    [MemberData(nameof(AllowedReferences))]
    public void References_OfEachProject_PointOnlyInward(string assembly, string[] allowed)
    {
        var references = NonFrameworkReferences(assembly);

        Assert.All(references, r => Assert.Contains(allowed, a => string.Equals(r, a, StringComparison.Ordinal) || (a.StartsWith("Microsoft.", StringComparison.Ordinal) && r.StartsWith(a + ".", StringComparison.Ordinal))));
    }

    [Theory]
    [MemberData(nameof(DeterministicAssemblies))]
    public void DeterministicProjects_ReferenceNoHostingStorageOrLogging(string assembly)
    {
        var forbidden = new[] { "Microsoft.AspNetCore", "Microsoft.Data", "Npgsql", "Microsoft.Extensions.Logging", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.Hosting", "Microsoft.EntityFrameworkCore" };

        var references = Load(assembly).GetReferencedAssemblies().Select(r => r.Name!).ToArray();

        Assert.DoesNotContain(references, r => forbidden.Any(f => r.StartsWith(f, StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(DeterministicAssemblies))]
    public void DeterministicProjects_DeclareNoFloatingPointMembers(string assembly)
    {
        var offenders = new List<string>();
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var type in Load(assembly).GetTypes().Where(t => t.GetCustomAttribute<CompilerGeneratedAttribute>() is null))
        {
            offenders.AddRange(type.GetFields(All).Where(f => IsFloat(f.FieldType)).Select(f => $"{type.FullName}.{f.Name}"));
            foreach (var method in type.GetMethods(All))
            {
                if (IsFloat(method.ReturnType) || method.GetParameters().Any(p => IsFloat(p.ParameterType)))
                {
                    offenders.Add($"{type.FullName}.{method.Name}");
                }
            }
        }

        Assert.Empty(offenders);
    }

    [Theory]
    [MemberData(nameof(AllowedReferences))]
    public void InternalsVisibleTo_GoesOnlyToTheProjectsOwnTests(string assembly, string[] allowed)
    {
        _ = allowed;

        var friends = Load(assembly).GetCustomAttributes<InternalsVisibleToAttribute>().Select(a => a.AssemblyName).ToArray();

        Assert.All(friends, f => Assert.Equal(assembly + ".Tests", f));
    }

    private static bool IsFloat(Type type) => type == typeof(float) || type == typeof(double) || type == typeof(Half);

    private static Assembly Load(string name) => Assembly.Load(name);

    private static string[] NonFrameworkReferences(string assembly) =>
        Load(assembly).GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(n => !n.StartsWith("System.", StringComparison.Ordinal) && n is not "System" and not "netstandard" and not "mscorlib"
                || n is "System.Formats.Cbor")
            .Where(n => !n.StartsWith("Microsoft.Extensions.DependencyInjection.Abstractions", StringComparison.Ordinal))
            .ToArray();
}
