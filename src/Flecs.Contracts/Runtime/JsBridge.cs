using System.Globalization;
using Flecs.Contracts.Values;
using Flecs.Core.Results;
using Jint;
using Jint.Native;
using Jint.Native.Object;

namespace Flecs.Contracts.Runtime;

/// <summary>Converts between contract values and JavaScript values without CLR reflection.</summary>
internal static class JsBridge
{
    /// <summary>Creates the JavaScript value of <paramref name="value"/> (fresh objects: a template may mutate them).</summary>
    public static JsValue ToJs(Engine engine, ContractValue value) => value.Kind switch
    {
        ContractValueKind.Null => JsValue.Null,
        ContractValueKind.Integer => JsNumber.Create(value.AsInteger),
        ContractValueKind.Bool => value.AsBool ? JsBoolean.True : JsBoolean.False,
        ContractValueKind.Text => JsString.Create(value.AsText),
        ContractValueKind.List => new JsArray(engine, [.. value.AsList.Select(v => ToJs(engine, v))]),
        _ => MapToJs(engine, value.AsMap),
    };

    /// <summary>Creates a plain object.</summary>
    public static JsObject Object(Engine engine, ReadOnlySpan<KeyValuePair<string, JsValue>> entries) => JsObject.CreateFromEntries(engine, entries);

    /// <summary>Creates a plain object from a sorted map, converting each value with <paramref name="convert"/>.</summary>
    public static JsObject Object<T>(Engine engine, System.Collections.Immutable.ImmutableSortedDictionary<string, T> map, Func<T, JsValue> convert)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(convert);
        var entries = new KeyValuePair<string, JsValue>[map.Count];
        var i = 0;
        foreach (var (key, value) in map)
        {
            entries[i++] = new(key, convert(value));
        }

        return JsObject.CreateFromEntries(engine, entries.AsSpan());
    }

    private static JsObject MapToJs(Engine engine, System.Collections.Immutable.ImmutableSortedDictionary<string, ContractValue> map) =>
        Object(engine, map, v => ToJs(engine, v));

    /// <summary>The length of an array.</summary>
    public static uint Length(JsValue array) => (uint)array.AsObject().Get("length").AsNumber();

    /// <summary>Reads a safe integer, or null when <paramref name="value"/> is not one.</summary>
    public static long? Integer(JsValue value)
    {
        if (!value.IsNumber())
        {
            return null;
        }

        var d = value.AsNumber();
        return double.IsInteger(d) && Math.Abs(d) <= ContractValue.MaxSafeInteger ? (long)d : null;
    }

    /// <summary>Converts a template's value back: plain data only (own data properties, no functions, safe integers).</summary>
    /// <param name="value">The value.</param>
    /// <param name="path">Where it is, for messages (e.g. <c>result.state</c>).</param>
    /// <param name="budget">The number of values left to convert: shared references make a small heap look huge.</param>
    /// <param name="depth">The nesting depth of <paramref name="value"/>.</param>
    public static Result<ContractValue> FromJs(JsValue value, string path, ref int budget, int depth = 0) =>
        FromJs(value, new ValuePath(null, path, -1), ref budget, depth);

    /// <summary>Where a value is: its container's path and its key or index, formatted only for a message.</summary>
    private sealed record ValuePath(ValuePath? Parent, string? Name, long Index)
    {
        public override string ToString() =>
            Parent is null ? Name ?? string.Empty
            : Name is null ? $"{Parent}[{Index.ToString(CultureInfo.InvariantCulture)}]"
            : $"{Parent}.{Name}";
    }

    private static Result<ContractValue> FromJs(JsValue value, ValuePath path, ref int budget, int depth)
    {
        if (--budget < 0)
        {
            return Fail(ContractErrors.InvalidOutput, $"{path}: the result holds too many values.");
        }

        if (depth > ContractValue.MaxDepth)
        {
            return Fail(ContractErrors.InvalidOutput, $"{path}: nested deeper than {ContractValue.MaxDepth}.");
        }

        if (value.IsNull() || value.IsUndefined())
        {
            return ContractValue.Null;
        }

        if (value.IsBoolean())
        {
            return ContractValue.Bool(value.AsBoolean());
        }

        if (value.IsNumber())
        {
            return Integer(value) is { } n
                ? ContractValue.Integer(n)
                : Fail(ContractErrors.OutputNotInteger, $"{path}: {value.AsNumber().ToString("R", CultureInfo.InvariantCulture)} is not a safe integer (use flecs.div, flecs.mulDiv or flecs.value to round).");
        }

        if (value.IsString())
        {
            var s = value.AsString();
            return s.Length <= ContractValue.MaxTextLength ? ContractValue.Text(s) : Fail(ContractErrors.InvalidOutput, $"{path}: text longer than {ContractValue.MaxTextLength}.");
        }

        if (value.IsArray())
        {
            var array = value.AsArray();
            var length = Length(array);
            var items = new List<ContractValue>((int)Math.Min(length, 1024));
            for (uint i = 0; i < length; i++)
            {
                // Own data properties only: an index getter would run template code outside the budget.
                var own = array.GetOwnProperty(i);
                if (own != Jint.Runtime.Descriptors.PropertyDescriptor.Undefined && !own.IsDataDescriptor())
                {
                    return Fail(ContractErrors.InvalidOutput, $"{path}[{i}]: accessors are not data.");
                }

                var item = FromJs(own == Jint.Runtime.Descriptors.PropertyDescriptor.Undefined ? JsValue.Undefined : own.Value, new ValuePath(path, null, i), ref budget, depth + 1);
                if (!item.IsSuccess)
                {
                    return item;
                }

                items.Add(item.Value);
            }

            return ContractValue.List(items);
        }

        if (value is ObjectInstance obj && !value.IsSymbol() && value is not Jint.Native.Function.Function)
        {
            var entries = new List<KeyValuePair<string, ContractValue>>();
            foreach (var (key, descriptor) in obj.GetOwnProperties())
            {
                if (!key.IsString() || !descriptor.Enumerable)
                {
                    continue;
                }

                var name = key.AsString();
                if (!descriptor.IsDataDescriptor())
                {
                    return Fail(ContractErrors.InvalidOutput, $"{path}.{name}: accessors are not data.");
                }

                var item = FromJs(descriptor.Value, new ValuePath(path, name, -1), ref budget, depth + 1);
                if (!item.IsSuccess)
                {
                    return item;
                }

                if (name.Length is 0 or > ContractValue.MaxTextLength)
                {
                    return Fail(ContractErrors.InvalidOutput, $"{path}: a key is 1–{ContractValue.MaxTextLength} characters.");
                }

                entries.Add(new(name, item.Value));
            }

            return ContractValue.Map(entries);
        }

        return Fail(ContractErrors.InvalidOutput, $"{path}: a {value.Type} is not data.");
    }

    private static Result<ContractValue> Fail(string code, string message) => Result<ContractValue>.Fail(code, message);
}
