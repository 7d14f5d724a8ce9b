using System.Collections.Immutable;
using System.Globalization;
using Flecs.Contracts.Values;
using Flecs.Core.Results;

namespace Flecs.Contracts.Templates;

/// <summary>A template's metadata: its <c>export const meta = { … }</c> literal, read from the syntax tree without running code.</summary>
/// <param name="Name">A human name.</param>
/// <param name="Version">A version string (e.g. <c>1.0.0</c>).</param>
/// <param name="Kind">The contract kind (e.g. <c>p2p-fixed</c>, <c>virtual-ppa</c>).</param>
/// <param name="Description">What the template does.</param>
/// <param name="Parties">The party roles, in order (e.g. <c>seller</c>, <c>buyer</c>).</param>
/// <param name="Meters">The roles whose meter readings each interval needs.</param>
/// <param name="Prices">The reference prices each interval needs (e.g. <c>mpm</c>).</param>
/// <param name="Parameters">The declared parameters.</param>
public sealed record TemplateMeta(
    string Name,
    string Version,
    string Kind,
    string Description,
    ImmutableArray<string> Parties,
    ImmutableArray<string> Meters,
    ImmutableArray<string> Prices,
    ImmutableArray<ParameterSpec> Parameters)
{
    /// <summary>Reads the metadata from its literal value.</summary>
    public static Result<TemplateMeta> FromValue(ContractValue meta)
    {
        ArgumentNullException.ThrowIfNull(meta);
        if (meta.Kind != ContractValueKind.Map)
        {
            return Fail("meta must be an object literal.");
        }

        var known = new[] { "name", "version", "kind", "description", "parties", "meters", "prices", "params" };
        if (meta.AsMap.Keys.FirstOrDefault(k => !known.Contains(k, StringComparer.Ordinal)) is { } unknown)
        {
            return Fail($"meta has an unknown field '{unknown}' (known: {string.Join(", ", known)}).");
        }

        if (Text(meta, "name") is not { } name || Text(meta, "version") is not { } version || Text(meta, "kind") is not { } kind)
        {
            return Fail("meta needs text fields name, version and kind.");
        }

        if (!IsIdentifier(kind))
        {
            return Fail($"meta.kind '{kind}' must be 1–32 ASCII letters, digits, dashes or underscores, starting with a letter.");
        }

        var parties = Names(meta["parties"]);
        if (parties is null || parties.Value.Length is < 1 or > 8 || parties.Value.Distinct(StringComparer.Ordinal).Count() != parties.Value.Length)
        {
            return Fail("meta.parties must list 1–8 distinct role names (letters, digits, dashes).");
        }

        var meters = meta["meters"] is null ? [] : Names(meta["meters"]);
        if (meters is null || meters.Value.Any(m => !parties.Value.Contains(m, StringComparer.Ordinal)))
        {
            return Fail("meta.meters must list roles from meta.parties.");
        }

        var prices = meta["prices"] is null ? [] : Names(meta["prices"]);
        if (prices is null)
        {
            return Fail("meta.prices must list price names.");
        }

        var parameters = ImmutableArray.CreateBuilder<ParameterSpec>();
        if (meta["params"] is { } declared)
        {
            if (declared.Kind != ContractValueKind.Map)
            {
                return Fail("meta.params must be an object.");
            }

            foreach (var (paramName, spec) in declared.AsMap)
            {
                var parsed = Parameter(paramName, spec);
                if (!parsed.IsSuccess)
                {
                    return parsed.Error;
                }

                parameters.Add(parsed.Value);
            }
        }

        return new TemplateMeta(name, version, kind, Text(meta, "description") ?? string.Empty, parties.Value, meters.Value, prices.Value, parameters.ToImmutable());
    }

    /// <summary>Checks contract parameters against the schema and fills in defaults.</summary>
    public Result<ContractValue> CheckParameters(ContractValue parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Kind != ContractValueKind.Map)
        {
            return Result<ContractValue>.Fail(ContractErrors.InvalidParameters, "The parameters must be an object.");
        }

        if (parameters.AsMap.Keys.FirstOrDefault(k => !Parameters.Any(p => string.Equals(p.Name, k, StringComparison.Ordinal))) is { } unknown)
        {
            return Result<ContractValue>.Fail(ContractErrors.InvalidParameters, $"'{Kind}' has no parameter '{unknown}'.");
        }

        var filled = new List<KeyValuePair<string, ContractValue>>();
        foreach (var spec in Parameters)
        {
            var value = parameters[spec.Name] ?? spec.Default;
            if (value is null)
            {
                if (!spec.Optional)
                {
                    return Result<ContractValue>.Fail(ContractErrors.InvalidParameters, $"The parameter '{spec.Name}' ({spec.Type.ToString().ToLowerInvariant()}) is required.");
                }

                continue;
            }

            if (spec.Check(value) is { } expected)
            {
                return Result<ContractValue>.Fail(ContractErrors.InvalidParameters, $"The parameter '{spec.Name}' must be {expected}; got {value}.");
            }

            filled.Add(new(spec.Name, value));
        }

        return ContractValue.Map(filled);
    }

    private static Result<ParameterSpec> Parameter(string name, ContractValue spec)
    {
        if (!IsIdentifier(name) || spec.Kind != ContractValueKind.Map || Text(spec, "type") is not { } typeName)
        {
            return Fail($"meta.params.{name} must be {{ type, description?, optional?, default? }}.");
        }

        if (!Enum.TryParse<ParameterType>(typeName, ignoreCase: true, out var type) || !string.Equals(typeName, typeName.ToLowerInvariant(), StringComparison.Ordinal) || int.TryParse(typeName, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return Fail($"meta.params.{name}.type '{typeName}' is not one of {string.Join(", ", Enum.GetNames<ParameterType>().Select(n => n.ToLowerInvariant()))}.");
        }

        if (spec.AsMap.Keys.FirstOrDefault(k => k is not "type" and not "description" and not "optional" and not "default") is { } unknown)
        {
            return Fail($"meta.params.{name} has an unknown field '{unknown}'.");
        }

        var optional = spec["optional"] is { Kind: ContractValueKind.Bool } o && o.AsBool;
        var parameter = new ParameterSpec(name, type, optional, spec["default"], Text(spec, "description") ?? string.Empty);
        if (parameter.Default is { } d && parameter.Check(d) is { } expected)
        {
            return Fail($"meta.params.{name}.default must be {expected}.");
        }

        return parameter;
    }

    private static string? Text(ContractValue map, string key) => map[key] is { Kind: ContractValueKind.Text } t ? t.AsText : null;

    private static ImmutableArray<string>? Names(ContractValue? list) =>
        list is { Kind: ContractValueKind.List } && list.AsList.All(v => v.Kind == ContractValueKind.Text && IsIdentifier(v.AsText))
            ? list.AsList.Select(v => v.AsText).ToImmutableArray()
            : null;

    private static bool IsIdentifier(string s) =>
        s.Length is >= 1 and <= 32 && char.IsAsciiLetter(s[0]) && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_');

    private static Error Fail(string message) => new(ContractErrors.InvalidMeta, message);
}
