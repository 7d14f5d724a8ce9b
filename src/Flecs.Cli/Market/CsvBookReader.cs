using System.Text;
using Flecs.Core.Results;
using Flecs.Market.Books;

namespace Flecs.Cli.Market;

/// <summary>
/// Reads a CSV book: a header row naming the columns (<c>id</c>, <c>side</c>, <c>quantity_kwh</c> required;
/// <c>price_per_kwh</c>, <c>player</c>, <c>zone</c>, <c>technology</c> optional; others ignored), then one
/// order per row. Fields may be quoted (<c>"a,b"</c>, <c>""</c> for a quote); an empty field is absent.
/// Grid constraints need the JSON format.
/// </summary>
internal static class CsvBookReader
{
    private const string BadCsv = "market.book.bad-csv";

    private static readonly string[] KnownColumns = ["id", "side", "quantity_kwh", "price_per_kwh", "player", "zone", "technology"];

    public static Result<BookFile> Read(byte[] content)
    {
        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return new Error(BadCsv, "the book is not UTF-8 text");
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var lines = text.Split('\n');
        int[]? columnOf = null;
        var width = 0;
        var orders = new List<OrderFields>();
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].TrimEnd('\r');
            var lineNumber = n + 1;
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var fields = SplitRow(line, lineNumber);
            if (!fields.IsSuccess)
            {
                return fields.Error;
            }

            if (columnOf is null)
            {
                var header = ReadHeader(fields.Value, lineNumber);
                if (!header.IsSuccess)
                {
                    return header.Error;
                }

                columnOf = header.Value;
                width = fields.Value.Count;
                continue;
            }

            if (fields.Value.Count != width)
            {
                return new Error(BadCsv, $"line {lineNumber}: {fields.Value.Count} fields, but the header has {width}");
            }

            orders.Add(new OrderFields(lineNumber)
            {
                Id = Cell(fields.Value, columnOf[0]),
                Side = Cell(fields.Value, columnOf[1]),
                QuantityKwh = Cell(fields.Value, columnOf[2]),
                PricePerKwh = Cell(fields.Value, columnOf[3]),
                Player = Cell(fields.Value, columnOf[4]),
                Zone = Cell(fields.Value, columnOf[5]),
                Technology = Cell(fields.Value, columnOf[6]),
            });
        }

        return columnOf is null
            ? new Error(BadCsv, "the book is empty; a CSV book starts with a header row such as id,side,quantity_kwh,price_per_kwh")
            : new BookFile(orders, null);
    }

    private static string? Cell(List<string> fields, int column) =>
        column < 0 || fields[column].Length == 0 ? null : fields[column];

    private static Result<int[]> ReadHeader(List<string> names, int lineNumber)
    {
        var columnOf = new int[KnownColumns.Length];
        Array.Fill(columnOf, -1);
        for (var c = 0; c < names.Count; c++)
        {
            var known = Array.IndexOf(KnownColumns, names[c].Trim());
            if (known < 0)
            {
                continue;
            }

            if (columnOf[known] >= 0)
            {
                return new Error(BadCsv, $"line {lineNumber}: the header names column '{KnownColumns[known]}' twice");
            }

            columnOf[known] = c;
        }

        for (var k = 0; k < 3; k++)
        {
            if (columnOf[k] < 0)
            {
                return new Error(BadCsv, $"line {lineNumber}: the header has no '{KnownColumns[k]}' column (required: id, side, quantity_kwh)");
            }
        }

        return columnOf;
    }

    private static Result<List<string>> SplitRow(string line, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        return new Error(BadCsv, $"line {lineNumber}: a quoted field is not closed (fields cannot span lines)");
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(line[i++]);
                }

                if (i < line.Length && line[i] != ',')
                {
                    return new Error(BadCsv, $"line {lineNumber}: text after a closing quote in field {fields.Count + 1}");
                }
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    field.Append(line[i++]);
                }
            }

            fields.Add(field.ToString().Trim());
            if (i >= line.Length)
            {
                return fields;
            }

            i++;
        }
    }
}
