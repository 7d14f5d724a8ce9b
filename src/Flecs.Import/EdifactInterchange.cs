using System.Collections.Immutable;
using System.Text;
using Flecs.Core.Results;

namespace Flecs.Import;

/// <summary>Splits EDIFACT text into segments, honouring the UNA service string advice and the release character.</summary>
/// <remarks>
/// Without UNA the ISO 9735 defaults apply: component <c>:</c>, data element <c>+</c>, decimal <c>.</c>,
/// release <c>?</c>, segment terminator <c>'</c>. Line breaks right after a terminator are layout and
/// are ignored; anything else outside a terminated segment is an error.
/// </remarks>
/// <param name="Segments">The segments, UNA excluded.</param>
/// <param name="DecimalMark">The decimal mark the UNA declares.</param>
internal sealed record EdifactInterchange(ImmutableArray<EdifactSegment> Segments, char DecimalMark)
{
    /// <summary>Reads the segments of <paramref name="text"/>.</summary>
    public static Result<EdifactInterchange> Read(string text)
    {
        var componentSeparator = ':';
        var elementSeparator = '+';
        var decimalMark = '.';
        var release = '?';
        var terminator = '\'';
        var position = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var number = 0;
        if (text.AsSpan(position).StartsWith("UNA", StringComparison.Ordinal))
        {
            number = 1;
            if (text.Length - position < 9)
            {
                return Result<EdifactInterchange>.Fail(ImportErrors.MsconsBadSyntax, "segment 1 ('UNA'): the service string advice needs six characters after UNA.");
            }

            componentSeparator = text[position + 3];
            elementSeparator = text[position + 4];
            decimalMark = text[position + 5];
            release = text[position + 6];
            terminator = text[position + 8];
            var raw = text.Substring(position, 9);
            if (new[] { componentSeparator, elementSeparator, release, terminator }.Distinct().Count() != 4 || decimalMark is not ('.' or ','))
            {
                return Result<EdifactInterchange>.Fail(ImportErrors.MsconsBadSyntax, FormattableString.Invariant($"segment 1 ('{raw}'): the separators, release character and terminator must differ, and the decimal mark must be '.' or ','."));
            }

            position += 9;
        }

        var segments = ImmutableArray.CreateBuilder<EdifactSegment>();
        var elements = new List<ImmutableArray<string>>();
        var components = new List<string>();
        var current = new StringBuilder();
        var segmentStart = -1;
        while (position < text.Length)
        {
            var c = text[position];
            if (segmentStart < 0)
            {
                if (c is '\r' or '\n')
                {
                    position++;
                    continue;
                }

                segmentStart = position;
                number++;
            }

            position++;
            if (c == release)
            {
                if (position >= text.Length)
                {
                    return Result<EdifactInterchange>.Fail(ImportErrors.MsconsBadSyntax, FormattableString.Invariant($"segment {number} ('{Shorten(text[segmentStart..])}'): the text ends right after a release character."));
                }

                current.Append(text[position++]);
            }
            else if (c == componentSeparator)
            {
                components.Add(current.ToString());
                current.Clear();
            }
            else if (c == elementSeparator || c == terminator)
            {
                components.Add(current.ToString());
                current.Clear();
                elements.Add([.. components]);
                components.Clear();
                if (c == terminator)
                {
                    var raw = text[segmentStart..(position - 1)];
                    var tag = elements[0][0];
                    if (tag.Length != 3 || !tag.All(char.IsAsciiLetterUpper) || elements[0].Length != 1)
                    {
                        return Result<EdifactInterchange>.Fail(ImportErrors.MsconsBadSegment, FormattableString.Invariant($"segment {number} ('{Shorten(raw)}'): '{tag}' is not a segment tag (three capital letters)."));
                    }

                    segments.Add(new EdifactSegment(number, raw, tag, [.. elements.Skip(1)]));
                    elements.Clear();
                    segmentStart = -1;
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (segmentStart >= 0)
        {
            return Result<EdifactInterchange>.Fail(ImportErrors.MsconsBadSyntax, FormattableString.Invariant($"segment {number} ('{Shorten(text[segmentStart..])}'): the segment has no terminator '{terminator}'."));
        }

        return new EdifactInterchange(segments.ToImmutable(), decimalMark);
    }

    private static string Shorten(string raw) => raw.Length <= 60 ? raw : raw[..57] + "...";
}
