using Flecs.Contracts.Runtime;

namespace Flecs.Contracts.Tests.Sandbox;

/// <summary>The sandbox reads plain results directly and converts anything else in full: both must give one outcome.</summary>
public sealed class OutcomePathTests
{
    // Entries of every kind, with and without labels, zero amounts (dropped), issue and transfer certificates.
    private const string Entries = """
        allocations: [{ from: "a", to: "b", energy: ctx.meters.a.export, label: "p2p" }, { from: "b", to: "a", energy: 0 }],
        payments: [{ from: "b", to: "a", amount: 1234 }, { from: "a", to: "b", amount: 5, label: "fee" }],
        certificates: [{ action: "issue", to: "a", count: 2 }, { action: "transfer", from: "a", to: "b", count: 1 }],
        """;

    [Fact]
    public void Run_PlainResultAndTheSameWithItsStateEchoed_SameOutcome()
    {
        // Echoing the (unchanged) state sends the second template through the full conversion.
        var plain = Templates.Run(Templates.Analyze(Templates.WithBody("return {" + Entries + "};")), count: 3);
        var converted = Templates.Run(Templates.Analyze(Templates.WithBody("return {" + Entries + " state: ctx.state };")), count: 3);

        Assert.True(plain.IsSuccess && converted.IsSuccess);
        Assert.Equal(Describe(converted.Value), Describe(plain.Value));
        Assert.Equal(2 * 3, plain.Value.Sum(o => o.Payments.Length));
        Assert.Single(plain.Value[0].Allocations);
    }

    [Theory]
    [InlineData("""allocations: [{ from: "a", to: "b", amount: 5 }]""", ContractErrors.InvalidOutput)]
    [InlineData("""allocations: [{ from: "a", to: "b", energy: 5, label: undefined }]""", ContractErrors.InvalidOutput)]
    [InlineData("""payments: [{ from: "a", to: "a", amount: 5 }]""", ContractErrors.UnknownParty)]
    [InlineData("""payments: [{ from: "a", to: "b", amount: -5 }]""", ContractErrors.NegativeOutput)]
    [InlineData("""payments: [{ from: "a", to: "b", amount: 0.5 }]""", ContractErrors.OutputNotInteger)]
    [InlineData("""certificates: [{ action: "issue", from: "a", to: "b", count: 1 }]""", ContractErrors.UnknownParty)]
    [InlineData("""certificates: [{ action: "mint", to: "b", count: 1 }]""", ContractErrors.InvalidOutput)]
    [InlineData("""payments: [, { from: "a", to: "b", amount: 5 }]""", ContractErrors.InvalidOutput)]
    [InlineData("""extra: 1""", ContractErrors.InvalidOutput)]
    public void Run_UnusualResult_RefusedWithTheFullConversionsCode(string result, string code)
    {
        var run = Templates.Run(Templates.Analyze(Templates.WithBody("return { " + result + " };")));

        Assert.False(run.IsSuccess);
        Assert.Equal(code, run.Error.Code);
    }

    private static List<string> Describe(IReadOnlyList<IntervalOutcome> outcomes) =>
    [
        .. outcomes.SelectMany(o =>
            o.Allocations.Select(a => $"{o.Interval} alloc {a.From}>{a.To} {a.Energy} {a.Label}")
                .Concat(o.Payments.Select(p => $"{o.Interval} pay {p.From}>{p.To} {p.Amount} {p.Label}"))
                .Concat(o.Certificates.Select(c => $"{o.Interval} cert {c.Action} {c.From}>{c.To} {c.Count}"))
                .Append($"{o.Interval} state {o.State.Encode().Length}")),
    ];
}
