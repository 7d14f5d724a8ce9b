using Flecs.Contracts.Values;

namespace Flecs.Contracts.Templates;

/// <summary>A generic certification sample built from a template's metadata: typical parameter values and four 15-minute intervals of meter readings and prices.</summary>
public static class DryRunSample
{
    /// <summary>The sample <c>{ params, inputs }</c> for <paramref name="meta"/>.</summary>
    public static ContractValue For(TemplateMeta meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        var parameters = meta.Parameters.Where(p => !p.Optional && p.Default is null).Select(p => (p.Name, Typical(p.Type)));
        var meters = meta.Meters.Select(role => (role, ContractValue.Map(
            ("import", ContractValue.Integer(1_000)),
            ("export", ContractValue.Integer(2_000)),
            ("renewable", ContractValue.Bool(true)))));
        var prices = meta.Prices.Select(name => (name, ContractValue.Integer(80_000)));
        var inputs = ContractValue.Map(
            ("start", ContractValue.Text("2026-01-31T23:00Z")),
            ("minutes", ContractValue.Integer(15)),
            ("count", ContractValue.Integer(4)),
            ("meters", ContractValue.Map([.. meters])),
            ("prices", ContractValue.Map([.. prices])));
        return ContractValue.Map(("params", ContractValue.Map([.. parameters])), ("inputs", inputs));
    }

    private static ContractValue Typical(ParameterType type) => type switch
    {
        ParameterType.Integer => ContractValue.Integer(1),
        ParameterType.Energy => ContractValue.Integer(1_000),
        ParameterType.Power => ContractValue.Integer(1_000),
        ParameterType.Price => ContractValue.Integer(100_000),
        ParameterType.Money => ContractValue.Integer(1_000),
        ParameterType.Ratio => ContractValue.Integer(500_000),
        ParameterType.Bool => ContractValue.Bool(false),
        ParameterType.Text => ContractValue.Text("sample"),
        ParameterType.Tou => ContractValue.Map(("base", ContractValue.Integer(100_000)), ("windows", ContractValue.List([]))),
        _ => ContractValue.List(Enumerable.Repeat(ContractValue.Integer(1_000), 24)),
    };
}
