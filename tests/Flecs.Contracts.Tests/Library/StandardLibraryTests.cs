using Flecs.Contracts.Library;
using Flecs.Contracts.Lifecycle;
using Flecs.Contracts.Templates;

namespace Flecs.Contracts.Tests.Library;

/// <summary>The standard library: one template per contract kind of the seed, each certifiable and documented.</summary>
public sealed class StandardLibraryTests
{
    public static TheoryData<string> Kinds =>
    [
        "demand-response", "green-certificates", "p2g", "p2p-fixed", "p2p-indexed", "physical-ppa", "reserve", "site-ppa", "take-and-pay", "take-or-pay", "virtual-ppa",
    ];

    [Fact]
    public void All_HoldsExactlyTheSeedKinds()
    {
        Assert.Equal(Kinds.Select(k => (string)k.Data), StandardLibrary.All.Select(t => t.Meta.Kind));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void CheckForCertification_EachStandardTemplate_PassesAnalysisAndItsDryRun(string kind)
    {
        var template = StandardLibrary.Get(kind);

        var certified = new ContractModule().CheckForCertification(template.Source, [DryRunSample.For(template.Meta)]);

        Assert.True(certified.IsSuccess, certified.IsSuccess ? string.Empty : certified.Error.ToString());
        Assert.Equal(template.Hash, certified.Value.Hash);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Docs_EachStandardTemplate_HasAReferencePageNamingEveryParameter(string kind)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Flecs.slnx")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var page = File.ReadAllText(Path.Combine(root.FullName, "docs", "contracts", "library", kind + ".md"));
        Assert.All(StandardLibrary.Get(kind).Meta.Parameters, p => Assert.Contains(p.Name, page, StringComparison.Ordinal));
    }
}
