using System.Text;

namespace Flecs.Import;

/// <summary>Reads RFC 4180 records one at a time, tracking the line each record starts on.</summary>
/// <remarks>
/// Fields are separated by commas and records by LF or CRLF. A field starting with a double quote runs to
/// the next lone double quote and may hold commas, line breaks and doubled quotes. A record that is empty
/// or only spaces and tabs (outside quotes) is skipped. A byte-order mark at the very start is ignored.
/// </remarks>
internal sealed class CsvRecordReader
{
    private readonly string _text;
    private int _position;
    private int _line = 1;
    private bool _lastFieldWasQuoted;

    public CsvRecordReader(string text)
    {
        _text = text;
        _position = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
    }

    /// <summary>The line the last record (or the failing record) started on, from 1.</summary>
    public int RecordLine { get; private set; }

    /// <summary>The zero-based field where a quote error was found.</summary>
    public int ErrorField { get; private set; }

    /// <summary>What is wrong with the quotes, when <see cref="TryRead"/> fails.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>Reads the next non-blank record; false at the end of the text or on a quote error (<see cref="ErrorMessage"/> is then set).</summary>
    public bool TryRead(out List<string> fields)
    {
        while (_position < _text.Length)
        {
            RecordLine = _line;
            fields = [];
            if (!TryReadRecord(fields))
            {
                return false;
            }

            if (fields.Count > 1 || fields[0].AsSpan().Trim(" \t").Length > 0 || _lastFieldWasQuoted)
            {
                return true;
            }
        }

        fields = [];
        return false;
    }

    private bool TryReadRecord(List<string> fields)
    {
        var field = new StringBuilder();
        _lastFieldWasQuoted = false;
        while (true)
        {
            field.Clear();
            var quoted = _position < _text.Length && _text[_position] == '"';
            _lastFieldWasQuoted |= quoted;
            if (quoted)
            {
                var quoteLine = _line;
                _position++;
                while (true)
                {
                    if (_position >= _text.Length)
                    {
                        return Fail(fields.Count, $"the quoted field opened on line {quoteLine} is not closed");
                    }

                    var c = _text[_position++];
                    if (c == '"')
                    {
                        if (_position < _text.Length && _text[_position] == '"')
                        {
                            field.Append('"');
                            _position++;
                            continue;
                        }

                        break;
                    }

                    if (c == '\n')
                    {
                        _line++;
                    }

                    field.Append(c);
                }

                if (_position < _text.Length && !IsFieldEnd(_position))
                {
                    return Fail(fields.Count, "text follows the closing quote of a quoted field");
                }
            }
            else
            {
                while (_position < _text.Length && !IsFieldEnd(_position))
                {
                    var c = _text[_position++];
                    if (c == '"')
                    {
                        return Fail(fields.Count, "a double quote appears inside an unquoted field");
                    }

                    field.Append(c);
                }
            }

            fields.Add(field.ToString());
            if (_position >= _text.Length)
            {
                return true;
            }

            if (_text[_position] == ',')
            {
                _position++;
                continue;
            }

            _position += _text[_position] == '\r' ? 2 : 1;
            _line++;
            return true;
        }
    }

    private bool IsFieldEnd(int index) =>
        _text[index] == ',' || _text[index] == '\n' || (_text[index] == '\r' && index + 1 < _text.Length && _text[index + 1] == '\n');

    private bool Fail(int field, string message)
    {
        ErrorField = field;
        ErrorMessage = message;
        return false;
    }
}
