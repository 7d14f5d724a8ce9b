using System.Text.Json;
using Flecs.Core.Results;
using Flecs.Core.Units;
using Flecs.Market.Books;
using Flecs.Market.Constraints;

namespace Flecs.Cli.Market;

/// <summary>
/// Reads a JSON book: <c>{"orders":[{"id":"b1","side":"buy","quantity_kwh":"10","price_per_kwh":"0.12",…},…],
/// "constraints":{"zones":[…],"flows":[…]}}</c>. Quantities and prices are decimal strings; unknown fields
/// are ignored. Every error names the line.
/// </summary>
internal static class JsonBookReader
{
    private const string BadJson = "market.book.bad-json";

    private static readonly HashSet<string> KnownFields = new(
        ["id", "side", "quantity_kwh", "price_per_kwh", "player", "zone", "technology", "from", "to", "max_kwh", "max_import_kwh", "max_export_kwh"],
        StringComparer.Ordinal);

    public static Result<BookFile> Read(byte[] content)
    {
        var lines = new LineCounter(content);
        var reader = new Utf8JsonReader(content, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return new Error(BadJson, "line 1: a book is a JSON object such as {\"orders\":[…]}");
            }

            List<OrderFields>? orders = null;
            GridConstraints? constraints = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                var line = lines.LineOf(reader.TokenStartIndex);
                reader.Read();
                switch (name)
                {
                    case "orders":
                        var parsedOrders = ReadOrders(ref reader, lines, line);
                        if (!parsedOrders.IsSuccess)
                        {
                            return parsedOrders.Error;
                        }

                        orders = parsedOrders.Value;
                        break;
                    case "constraints":
                        var parsedConstraints = ReadConstraints(ref reader, lines, line);
                        if (!parsedConstraints.IsSuccess)
                        {
                            return parsedConstraints.Error;
                        }

                        constraints = parsedConstraints.Value;
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            while (reader.Read())
            {
                // Drains the reader so that trailing content after the object is reported as invalid JSON.
            }

            return orders is null
                ? new Error(BadJson, "the book has no \"orders\" array")
                : new BookFile(orders, constraints);
        }
        catch (JsonException ex)
        {
            return new Error(BadJson, $"line {(ex.LineNumber ?? 0) + 1}: not valid JSON: {ex.Message}");
        }
    }

    private static Result<List<OrderFields>> ReadOrders(ref Utf8JsonReader reader, LineCounter lines, int line)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return new Error(BadJson, $"line {line}: \"orders\" must be an array of order objects");
        }

        var orders = new List<OrderFields>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var orderLine = lines.LineOf(reader.TokenStartIndex);
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return new Error(BadJson, $"line {orderLine}: order #{orders.Count + 1} must be a JSON object");
            }

            var fields = ReadObject(ref reader, lines, $"order #{orders.Count + 1}");
            if (!fields.IsSuccess)
            {
                return fields.Error;
            }

            var values = fields.Value;
            orders.Add(new OrderFields(orderLine)
            {
                Id = values.GetValueOrDefault("id"),
                Side = values.GetValueOrDefault("side"),
                QuantityKwh = values.GetValueOrDefault("quantity_kwh"),
                PricePerKwh = values.GetValueOrDefault("price_per_kwh"),
                Player = values.GetValueOrDefault("player"),
                Zone = values.GetValueOrDefault("zone"),
                Technology = values.GetValueOrDefault("technology"),
            });
        }

        return orders;
    }

    /// <summary>Reads one flat object: string (or null) values are kept, fields holding anything else are skipped.</summary>
    /// <remarks>A known field that holds a number is an error: decimal strings are the format, so no value is ever rounded.</remarks>
    private static Result<Dictionary<string, string?>> ReadObject(ref Utf8JsonReader reader, LineCounter lines, string what)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            var fieldLine = lines.LineOf(reader.TokenStartIndex);
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    if (!values.TryAdd(name, reader.GetString()))
                    {
                        return new Error(BadJson, $"line {fieldLine}: {what} has the field \"{name}\" twice");
                    }

                    break;
                case JsonTokenType.Null:
                    values.TryAdd(name, null);
                    break;
                case JsonTokenType.Number when name.EndsWith("_kwh", StringComparison.Ordinal):
                    return new Error(BadJson, $"line {fieldLine}: {what}: \"{name}\" must be a decimal string such as \"10.5\", not a JSON number (strings keep values exact)");
                case not (JsonTokenType.StartObject or JsonTokenType.StartArray) when KnownFields.Contains(name):
                    return new Error(BadJson, $"line {fieldLine}: {what}: \"{name}\" must be a string");
                default:
                    reader.Skip();
                    break;
            }
        }

        return values;
    }

    private static Result<GridConstraints> ReadConstraints(ref Utf8JsonReader reader, LineCounter lines, int line)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return new Error(BadJson, $"line {line}: \"constraints\" must be an object with \"zones\" and \"flows\" arrays");
        }

        var zones = new List<ZoneLimit>();
        var flows = new List<FlowLimit>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            var listLine = lines.LineOf(reader.TokenStartIndex);
            reader.Read();
            if (name is not ("zones" or "flows"))
            {
                reader.Skip();
                continue;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                return new Error(BadJson, $"line {listLine}: \"{name}\" must be an array of objects");
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var itemLine = lines.LineOf(reader.TokenStartIndex);
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return new Error(BadJson, $"line {itemLine}: each entry of \"{name}\" must be an object");
                }

                var item = ReadObject(ref reader, lines, string.Equals(name, "zones", StringComparison.Ordinal) ? "zone limit" : "flow limit");
                if (!item.IsSuccess)
                {
                    return item.Error;
                }

                var error = string.Equals(name, "zones", StringComparison.Ordinal) ? AddZone(item.Value, itemLine, zones) : AddFlow(item.Value, itemLine, flows);
                if (error is not null)
                {
                    return error;
                }
            }
        }

        var created = GridConstraints.Create(zones, flows);
        return created.IsSuccess ? created : new Error(created.Error.Code, $"line {line}: {created.Error.Message}");
    }

    private static Error? AddZone(Dictionary<string, string?> values, int line, List<ZoneLimit> zones)
    {
        var zone = values.GetValueOrDefault("zone");
        if (string.IsNullOrEmpty(zone))
        {
            return new Error("market.constraints.bad-zone", $"line {line}: a zone limit needs \"zone\"");
        }

        if (!TryCap(values, "max_import_kwh", line, out var import, out var error) || !TryCap(values, "max_export_kwh", line, out var export, out error))
        {
            return error;
        }

        zones.Add(new ZoneLimit(zone, import, export));
        return null;
    }

    private static Error? AddFlow(Dictionary<string, string?> values, int line, List<FlowLimit> flows)
    {
        var from = values.GetValueOrDefault("from");
        var to = values.GetValueOrDefault("to");
        if (string.IsNullOrEmpty(from) || string.IsNullOrEmpty(to))
        {
            return new Error("market.constraints.bad-zone", $"line {line}: a flow limit needs \"from\" and \"to\"");
        }

        if (!TryCap(values, "max_kwh", line, out var cap, out var error))
        {
            return error;
        }

        if (cap is null)
        {
            return new Error("market.constraints.bad-cap", $"line {line}: a flow limit needs \"max_kwh\"");
        }

        flows.Add(new FlowLimit(from, to, cap.Value));
        return null;
    }

    private static bool TryCap(Dictionary<string, string?> values, string name, int line, out EnergyQuantity? cap, out Error? error)
    {
        cap = null;
        error = null;
        var text = values.GetValueOrDefault(name);
        if (text is null)
        {
            return true;
        }

        if (!EnergyQuantity.TryParseKilowattHours(text, out var quantity) || quantity.MilliwattHours < 0)
        {
            error = new Error("market.constraints.bad-cap", $"line {line}: \"{name}\" '{text}' is not a non-negative decimal number of kWh with at most 6 decimals");
            return false;
        }

        cap = quantity;
        return true;
    }
}
