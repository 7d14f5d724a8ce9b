using System.Diagnostics.CodeAnalysis;
using System.Collections.Immutable;
using System.Formats.Cbor;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Flecs.Core.Results;
using Flecs.Ledger.Encoding;

namespace Flecs.Contracts.Values;

/// <summary>
/// The data model of contract parameters, interval inputs and contract state: null, safe integers,
/// booleans, text, lists and maps — what a template sees as plain JavaScript data and what the ledger
/// stores as canonical CBOR (docs/contracts/README.md#values). There are no floating-point numbers.
/// </summary>
public sealed class ContractValue : IEquatable<ContractValue>
{
    /// <summary>The largest integer JavaScript represents exactly (2⁵³ − 1).</summary>
    public const long MaxSafeInteger = 9_007_199_254_740_991;

    /// <summary>The deepest nesting of lists and maps.</summary>
    public const int MaxDepth = 16;

    /// <summary>The longest text or map key, in UTF-16 code units.</summary>
    public const int MaxTextLength = 1024;

    private readonly long _integer;
    private readonly string? _text;
    private readonly ImmutableArray<ContractValue> _list;
    private readonly ImmutableSortedDictionary<string, ContractValue>? _map;

    private ContractValue(ContractValueKind kind, long integer = 0, string? text = null, ImmutableArray<ContractValue> list = default, ImmutableSortedDictionary<string, ContractValue>? map = null)
    {
        Kind = kind;
        _integer = integer;
        _text = text;
        _list = list;
        _map = map;
    }

    /// <summary>The null value.</summary>
    public static ContractValue Null { get; } = new(ContractValueKind.Null);

    /// <summary>An empty map.</summary>
    public static ContractValue EmptyMap { get; } = new(ContractValueKind.Map, map: ImmutableSortedDictionary.Create<string, ContractValue>(StringComparer.Ordinal));

    /// <summary>The value's kind.</summary>
    public ContractValueKind Kind { get; }

    /// <summary>The integer (kind <see cref="ContractValueKind.Integer"/>).</summary>
    public long AsInteger => Kind == ContractValueKind.Integer ? _integer : throw new InvalidOperationException($"A {Kind} is not an integer.");

    /// <summary>The boolean (kind <see cref="ContractValueKind.Bool"/>).</summary>
    public bool AsBool => Kind == ContractValueKind.Bool ? _integer != 0 : throw new InvalidOperationException($"A {Kind} is not a boolean.");

    /// <summary>The text (kind <see cref="ContractValueKind.Text"/>).</summary>
    public string AsText => Kind == ContractValueKind.Text ? _text! : throw new InvalidOperationException($"A {Kind} is not text.");

    /// <summary>The items (kind <see cref="ContractValueKind.List"/>).</summary>
    public ImmutableArray<ContractValue> AsList => Kind == ContractValueKind.List ? _list : throw new InvalidOperationException($"A {Kind} is not a list.");

    /// <summary>The entries (kind <see cref="ContractValueKind.Map"/>), ordered ordinally by key.</summary>
    public ImmutableSortedDictionary<string, ContractValue> AsMap => Kind == ContractValueKind.Map ? _map! : throw new InvalidOperationException($"A {Kind} is not a map.");

    /// <summary>Creates an integer; throws when it is outside the safe range.</summary>
    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Integer is the domain term.")]
    public static ContractValue Integer(long value) =>
        value is >= -MaxSafeInteger and <= MaxSafeInteger ? new(ContractValueKind.Integer, value) : throw new ArgumentOutOfRangeException(nameof(value), value, "Outside the safe integer range ±(2^53 − 1).");

    /// <summary>Creates a boolean.</summary>
    public static ContractValue Bool(bool value) => new(ContractValueKind.Bool, value ? 1 : 0);

    /// <summary>Creates a text value.</summary>
    public static ContractValue Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= MaxTextLength ? new(ContractValueKind.Text, text: value) : throw new ArgumentOutOfRangeException(nameof(value), $"Text is limited to {MaxTextLength} characters.");
    }

    /// <summary>Creates a list.</summary>
    public static ContractValue List(IEnumerable<ContractValue> items) => new(ContractValueKind.List, list: [.. items]);

    /// <summary>Creates a map.</summary>
    public static ContractValue Map(IEnumerable<KeyValuePair<string, ContractValue>> entries)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, ContractValue>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            if (key.Length is 0 or > MaxTextLength)
            {
                throw new ArgumentException("A map key is 1–1024 characters.", nameof(entries));
            }

            if (!builder.TryAdd(key, value))
            {
                throw new ArgumentException($"Duplicate key '{key}'.", nameof(entries));
            }
        }

        return new(ContractValueKind.Map, map: builder.ToImmutable());
    }

    /// <summary>Creates a map from pairs.</summary>
    public static ContractValue Map(params (string Key, ContractValue Value)[] entries) =>
        Map(entries.Select(e => new KeyValuePair<string, ContractValue>(e.Key, e.Value)));

    /// <summary>Gets a map entry, or null when this is not a map or has no such key.</summary>
    public ContractValue? this[string key] => Kind == ContractValueKind.Map && _map!.TryGetValue(key, out var v) ? v : null;

    /// <summary>Canonical CBOR (RFC 8949 §4.2.1 via <see cref="CborConformanceMode.Canonical"/>).</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        Write(w);
        return w.Encode();
    }

    /// <summary>Writes the value to <paramref name="w"/>.</summary>
    public void Write(CborWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        switch (Kind)
        {
            case ContractValueKind.Null:
                w.WriteNull();
                break;
            case ContractValueKind.Integer:
                w.WriteInt64(_integer);
                break;
            case ContractValueKind.Bool:
                w.WriteBoolean(_integer != 0);
                break;
            case ContractValueKind.Text:
                w.WriteTextString(_text!);
                break;
            case ContractValueKind.List:
                w.WriteStartArray(_list.Length);
                foreach (var item in _list)
                {
                    item.Write(w);
                }

                w.WriteEndArray();
                break;
            default:
                w.WriteStartMap(_map!.Count);
                foreach (var (key, value) in _map)
                {
                    w.WriteTextString(key);
                    value.Write(w);
                }

                w.WriteEndMap();
                break;
        }
    }

    /// <summary>Reads a value (strict: safe integers, bounded depth and text).</summary>
    public static ContractValue Read(CborReader r) => Read(r, 0);

    /// <summary>Decodes canonical CBOR strictly.</summary>
    public static Result<ContractValue> Decode(ReadOnlyMemory<byte> bytes) =>
        Cbor.TryDecode(bytes, r => { var v = Read(r); return r.BytesRemaining == 0 ? v : throw new CborContentException("Trailing bytes."); }, v => v.Encode(), out var value)
            ? value
            : Result<ContractValue>.Fail(ContractErrors.InvalidValue, "The bytes are not a canonical contract value.");

    private static ContractValue Read(CborReader r, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new CborContentException($"Values nest at most {MaxDepth} deep.");
        }

        switch (r.PeekState())
        {
            case CborReaderState.Null:
                r.ReadNull();
                return Null;
            case CborReaderState.Boolean:
                return Bool(r.ReadBoolean());
            case CborReaderState.UnsignedInteger:
            case CborReaderState.NegativeInteger:
                var n = r.ReadInt64();
                return n is >= -MaxSafeInteger and <= MaxSafeInteger ? Integer(n) : throw new CborContentException("Outside the safe integer range.");
            case CborReaderState.TextString:
                var text = r.ReadTextString();
                return text.Length <= MaxTextLength ? Text(text) : throw new CborContentException("Text too long.");
            case CborReaderState.StartArray:
                var count = r.ReadStartArray() ?? throw new CborContentException("Indefinite array.");
                var items = new ContractValue[count];
                for (var i = 0; i < count; i++)
                {
                    items[i] = Read(r, depth + 1);
                }

                r.ReadEndArray();
                return new(ContractValueKind.List, list: ImmutableArray.Create(items));
            case CborReaderState.StartMap:
                var entries = r.ReadStartMap() ?? throw new CborContentException("Indefinite map.");
                var pairs = new List<KeyValuePair<string, ContractValue>>(entries);
                for (var i = 0; i < entries; i++)
                {
                    var key = r.ReadTextString();
                    pairs.Add(new(key, Read(r, depth + 1)));
                }

                r.ReadEndMap();
                try
                {
                    return Map(pairs);
                }
                catch (ArgumentException ex)
                {
                    throw new CborContentException(ex.Message, ex);
                }

            default:
                throw new CborContentException($"A contract value cannot be a CBOR {r.PeekState()}.");
        }
    }

    /// <summary>Parses JSON: integers only (no fraction or exponent), text, booleans, null, arrays and objects.</summary>
    public static Result<ContractValue> ParseJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth + 1 });
            return FromJson(document.RootElement, "$");
        }
        catch (JsonException ex)
        {
            return Result<ContractValue>.Fail(ContractErrors.InvalidValue, $"Not valid JSON: {ex.Message}");
        }
    }

    /// <summary>Converts a JSON element (integers only).</summary>
    public static Result<ContractValue> FromJson(JsonElement element, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return Null;
            case JsonValueKind.True:
                return Bool(true);
            case JsonValueKind.False:
                return Bool(false);
            case JsonValueKind.String:
                var s = element.GetString()!;
                return s.Length <= MaxTextLength ? Text(s) : Result<ContractValue>.Fail(ContractErrors.InvalidValue, $"{path}: text longer than {MaxTextLength}.");
            case JsonValueKind.Number:
                var raw = element.GetRawText();
                if (raw.AsSpan().IndexOfAny('.', 'e', 'E') >= 0 || !element.TryGetInt64(out var n) || n is < -MaxSafeInteger or > MaxSafeInteger)
                {
                    return Result<ContractValue>.Fail(ContractErrors.NotInteger, $"{path}: {raw} is not a safe integer (values are integers in ledger units: mWh, µ-currency, µ-currency/kWh).");
                }

                return Integer(n);
            case JsonValueKind.Array:
                var items = new List<ContractValue>();
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    var converted = FromJson(item, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]");
                    if (!converted.IsSuccess)
                    {
                        return converted;
                    }

                    items.Add(converted.Value);
                    index++;
                }

                return List(items);
            default:
                var entries = new List<KeyValuePair<string, ContractValue>>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name.Length is 0 or > MaxTextLength || !seen.Add(property.Name))
                    {
                        return Result<ContractValue>.Fail(ContractErrors.InvalidValue, $"{path}: empty, too long or duplicate key '{property.Name}'.");
                    }

                    var converted = FromJson(property.Value, path + "." + property.Name);
                    if (!converted.IsSuccess)
                    {
                        return converted;
                    }

                    entries.Add(new(property.Name, converted.Value));
                }

                return Map(entries);
        }
    }

    /// <summary>Writes the value as JSON.</summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (Kind)
        {
            case ContractValueKind.Null:
                writer.WriteNullValue();
                break;
            case ContractValueKind.Integer:
                writer.WriteNumberValue(_integer);
                break;
            case ContractValueKind.Bool:
                writer.WriteBooleanValue(_integer != 0);
                break;
            case ContractValueKind.Text:
                writer.WriteStringValue(_text);
                break;
            case ContractValueKind.List:
                writer.WriteStartArray();
                foreach (var item in _list)
                {
                    item.WriteJson(writer);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStartObject();
                foreach (var (key, value) in _map!)
                {
                    writer.WritePropertyName(key);
                    value.WriteJson(writer);
                }

                writer.WriteEndObject();
                break;
        }
    }

    /// <summary>Compact JSON text.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WriteJson(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <inheritdoc/>
    public bool Equals(ContractValue? other) =>
        other is not null && Kind == other.Kind && Kind switch
        {
            ContractValueKind.Null => true,
            ContractValueKind.Integer or ContractValueKind.Bool => _integer == other._integer,
            ContractValueKind.Text => string.Equals(_text, other._text, StringComparison.Ordinal),
            ContractValueKind.List => _list.SequenceEqual(other._list),
            _ => _map!.Count == other._map!.Count && _map.All(e => other._map.TryGetValue(e.Key, out var v) && e.Value.Equals(v)),
        };

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ContractValue);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, _integer, _text is null ? 0 : StringComparer.Ordinal.GetHashCode(_text), _list.IsDefault ? 0 : _list.Length, _map?.Count ?? 0);

    /// <inheritdoc/>
    public override string ToString() => ToJson();
}
