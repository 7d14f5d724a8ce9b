using Flecs.Contracts.Library;
using Flecs.Simulation.Scenarios;

namespace Flecs.Simulation.Tests.Scenarios;

public sealed class ScenarioFileTests
{
    [Fact]
    public void Load_BuiltInDistrict_HasAHundredHouseholdsForAWeekAtOneMinute()
    {
        var scenario = ScenarioFile.Load(ScenarioFile.DefaultName);

        Assert.True(scenario.IsSuccess, scenario.IsSuccess ? null : scenario.Error.ToString());
        var plan = DistrictPlan.Build(scenario.Value).Value;
        Assert.Equal(100, plan.Households.Count);
        Assert.Equal(7, scenario.Value.Days);
        Assert.Equal(1, scenario.Value.IntervalMinutes);
        Assert.Contains(plan.Households, h => h.Pv is not null && h.Battery is not null);
        Assert.Contains(plan.Households, h => h.Ev is not null);
        Assert.Contains(plan.Households, h => h.HeatPump is not null);
        Assert.Contains(plan.Households, h => h.Representative is not null);
        Assert.Contains(scenario.Value.Fuel.Shocks, s => string.Equals(s.Fuel, "gas", StringComparison.Ordinal) && s.Factor > 1);
    }

    [Fact]
    public void Load_BuiltInDistrict_UsesEveryStandardTemplate()
    {
        var plan = DistrictPlan.Build(ScenarioFile.Load(ScenarioFile.DefaultName).Value).Value;

        var used = plan.Contracts.Select(c => c.Template).ToHashSet(StringComparer.Ordinal);

        Assert.All(StandardLibrary.All, t => Assert.Contains(t.Meta.Kind, used));
    }

    [Fact]
    public void Build_ContractSlices_PairMembersInOrder()
    {
        var plan = DistrictPlan.Build(ScenarioFile.Load(ScenarioFile.DefaultName).Value).Value;

        var p2p = plan.Contracts.Where(c => string.Equals(c.Template, "p2p-fixed", StringComparison.Ordinal)).ToList();

        Assert.Equal(10, p2p.Count);
        Assert.Equal([KeyValuePair.Create("buyer", "homes-001"), KeyValuePair.Create("seller", "solar-homes-001")], p2p[0].Parties);
        Assert.Equal([KeyValuePair.Create("buyer", "homes-010"), KeyValuePair.Create("seller", "solar-homes-010")], p2p[9].Parties);
    }

    [Fact]
    public void Build_SameSeed_DrawsTheSameHouseholds()
    {
        var scenario = ScenarioFile.Load(ScenarioFile.DefaultName).Value;

        var a = DistrictPlan.Build(scenario).Value.Households.Select(h => (h.AnnualKwh, h.Pv?.Kwp, h.Battery is null, h.Ev is null)).ToList();
        var b = DistrictPlan.Build(scenario).Value.Households.Select(h => (h.AnnualKwh, h.Pv?.Kwp, h.Battery is null, h.Ev is null)).ToList();
        var c = DistrictPlan.Build(scenario with { Seed = 7 }).Value.Households.Select(h => (h.AnnualKwh, h.Pv?.Kwp, h.Battery is null, h.Ev is null)).ToList();

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void Parse_UnknownKey_IsMalformedWithItsLine()
    {
        var result = ScenarioFile.Parse("name: x\ndays: 2\nsunshine: lots\n", "test.yaml");

        Assert.False(result.IsSuccess);
        Assert.Equal(ScenarioErrors.Malformed, result.Error.Code);
        Assert.Contains("test.yaml, line 3", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateKey_IsMalformed()
    {
        var result = ScenarioFile.Parse("name: x\ndays: 2\ndays: 3\n");

        Assert.Equal(ScenarioErrors.Malformed, result.Error?.Code);
    }

    [Theory]
    [InlineData("intervalMinutes: 7\n", "intervalMinutes")]
    [InlineData("days: 0\n", "days")]
    [InlineData("market: { mechanism: pay-as-you-like }\n", "market.mechanism")]
    [InlineData("households: [ { group: a, count: 2, profile: X9 } ]\n", "profile")]
    [InlineData("households: [ { group: a, count: 2, annualKwh: [5000, 2000] } ]\n", "ranges")]
    [InlineData("households: [ { group: a, count: 2, mode: passive, representative: nobody } ]\n", "representative")]
    [InlineData("households: [ { group: a, count: 2 } ]\ncontracts: [ { template: p2p-fixed, parties: { seller: \"a[0:1]\", buyer: \"a[1:3]\" }, params: { price: 1 } } ]\n", "neither a player nor a slice")]
    [InlineData("households: [ { group: a, count: 4 } ]\ncontracts: [ { template: p2p-fixed, parties: { seller: \"a[0:1]\", buyer: \"a[1:3]\" }, params: { price: 1 } } ]\n", "equal")]
    [InlineData("households: [ { group: a, count: 2 } ]\ncontracts: [ { template: p2p-magic, parties: { seller: a }, params: {} } ]\n", "no standard template")]
    [InlineData("households: [ { group: a, count: 2 } ]\ncontracts: [ { template: p2p-fixed, parties: { seller: \"a[0:1]\" }, params: { price: 1 } } ]\n", "exactly the roles")]
    [InlineData("households: [ { group: a, count: 2 } ]\ncontracts: [ { template: p2p-fixed, parties: { seller: \"a[0:1]\", buyer: \"a[1:2]\" }, params: { price: 0.15 } } ]\n", "whole number")]
    [InlineData("households: [ { group: a, count: 2 } ]\ncontracts: [ { template: p2p-fixed, parties: { seller: \"a[0:1]\", buyer: \"a[1:2]\" }, params: { cost: 5 } } ]\n", "params")]
    [InlineData("generators: [ { id: g1, technology: fusion, capacityMw: 5 } ]\n", "technology")]
    public void Parse_BrokenRule_IsInvalidAndNamesTheKey(string yaml, string expected)
    {
        var result = ScenarioFile.Parse("name: x\n" + yaml);

        Assert.False(result.IsSuccess);
        Assert.Equal(ScenarioErrors.Invalid, result.Error.Code);
        Assert.Contains(expected, result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_IsUnreadableAndListsTheBuiltIns()
    {
        var result = ScenarioFile.Load("/nonexistent/scenario.yaml");

        Assert.Equal(ScenarioErrors.Unreadable, result.Error?.Code);
        Assert.Contains(ScenarioFile.DefaultName, result.Error!.Message, StringComparison.Ordinal);
    }
}
