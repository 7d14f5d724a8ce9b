using Flecs.Contracts.Values;

namespace Flecs.Contracts.Templates;

/// <summary>One declared parameter of a template.</summary>
/// <param name="Name">The parameter's name in <c>ctx.params</c>.</param>
/// <param name="Type">Its type.</param>
/// <param name="Optional">True when it may be omitted (the template sees it as undefined unless it has a default).</param>
/// <param name="Default">The value used when it is omitted, or null.</param>
/// <param name="Description">What it means, for authors and parties.</param>
public sealed record ParameterSpec(string Name, ParameterType Type, bool Optional, ContractValue? Default, string Description)
{
    /// <summary>Checks <paramref name="value"/> against the type; null when it conforms, else the reason.</summary>
    public string? Check(ContractValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Type switch
        {
            ParameterType.Integer => value.Kind == ContractValueKind.Integer ? null : "an integer",
            ParameterType.Energy or ParameterType.Power or ParameterType.Money => value is { Kind: ContractValueKind.Integer, AsInteger: >= 0 } ? null : "a non-negative integer",
            ParameterType.Price => value.Kind == ContractValueKind.Integer ? null : "an integer price in µ/kWh",
            ParameterType.Ratio => value is { Kind: ContractValueKind.Integer, AsInteger: >= 0 and <= 1_000_000 } ? null : "a ratio in ppm (0–1000000)",
            ParameterType.Bool => value.Kind == ContractValueKind.Bool ? null : "true or false",
            ParameterType.Text => value.Kind == ContractValueKind.Text ? null : "text",
            ParameterType.Profile => value.Kind == ContractValueKind.List && value.AsList.Length is >= 1 and <= 1440 && value.AsList.All(v => v is { Kind: ContractValueKind.Integer, AsInteger: >= 0 })
                ? null
                : "a list of 1–1440 non-negative integers",
            _ => CheckTou(value),
        };
    }

    private static string? CheckTou(ContractValue value)
    {
        const string Expected = "a time-of-use table { base: price, windows: [{ from: minute, to: minute, price, days?: [1–7] }] }";
        if (value.Kind != ContractValueKind.Map || value["base"] is not { Kind: ContractValueKind.Integer } || value["windows"] is not { Kind: ContractValueKind.List } windows
            || value.AsMap.Keys.Any(k => k is not "base" and not "windows"))
        {
            return Expected;
        }

        foreach (var w in windows.AsList)
        {
            if (w.Kind != ContractValueKind.Map || w["from"] is not { Kind: ContractValueKind.Integer, AsInteger: >= 0 and < 1440 } from
                || w["to"] is not { Kind: ContractValueKind.Integer, AsInteger: > 0 and <= 1440 } to || from.AsInteger >= to.AsInteger
                || w["price"] is not { Kind: ContractValueKind.Integer }
                || (w["days"] is { } days && (days.Kind != ContractValueKind.List || days.AsList.Any(d => d is not { Kind: ContractValueKind.Integer, AsInteger: >= 1 and <= 7 })))
                || w.AsMap.Keys.Any(k => k is not "from" and not "to" and not "price" and not "days"))
            {
                return Expected + " with 0 ≤ from < to ≤ 1440";
            }
        }

        return null;
    }
}
