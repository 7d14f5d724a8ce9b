using System.Collections.Immutable;
using System.Globalization;
using Flecs.Core.Results;

namespace Flecs.Import;

/// <summary>Reads interval energy from EDIFACT MSCONS (metered services consumption report) messages.</summary>
/// <remarks>
/// <para>
/// The UNA service string advice (or the ISO 9735 defaults) sets the separators, the decimal mark and the
/// release character, which is honoured everywhere (<c>?+01</c> is the text <c>+01</c>). Each
/// <c>UNH</c>…<c>UNT</c> message must be of type MSCONS, and UNT's segment count and reference must match.
/// </para>
/// <para>
/// <c>LOC+172</c> names the metering point (the meter ID). <c>PIA+5</c> gives the OBIS code of the values
/// that follow: value group C = 1 (for example <c>1-1:1.29.0</c>) is import (consumption), C = 2 export.
/// Each <c>QTY</c> (any qualifier: 220 true value, 67 substitute, 201 preliminary, …) is one interval's
/// energy, in kWh unless its third component names the unit (<c>KWH</c>, <c>MWH</c>, <c>WH</c> or
/// <c>WHR</c>), converted to mWh exactly (never rounded). The <c>DTM+163</c> (start) and <c>DTM+164</c>
/// (end) after it, in format 303 (<c>CCYYMMDDHHMM</c> and a <c>±HH</c> UTC offset), give the interval.
/// Dates before the first QTY of a LIN (the message's period) are not used. Import and export QTYs with
/// the same start and end form one interval.
/// </para>
/// <para>Errors name the position as <c>segment N ('…')</c>, counting segments from 1 with UNA included.</para>
/// <para>
/// Strict parsing (<see cref="Parse(string)"/>) fails on the first problem. Lenient parsing
/// (<see cref="Parse(string, bool, out ImmutableArray{ImportWarning})"/>, for real utility files) skips an
/// invalid value group, one <c>QTY</c> with the <c>DTM</c> and <c>STS</c> segments after it, and reports it
/// as an <see cref="ImportWarning"/> with the code and message strict parsing fails with: a malformed or too
/// large value (<c>import.mscons.bad-value</c>), a value finer than 1 mWh (<c>import.mscons.inexact-value</c>),
/// a unit that is not energy (<c>import.mscons.bad-unit</c>), a bad date (<c>import.mscons.bad-date</c>), a
/// missing start or end (<c>import.mscons.missing-period</c>), an end not after the start
/// (<c>import.mscons.bad-period</c>), or a period overlapping one already read for the metering point
/// (<c>import.mscons.overlap</c>). A <c>PIA+5</c> whose OBIS code is neither import nor export gives one
/// <c>import.mscons.unsupported-obis</c> warning at the PIA, and the value groups after it, up to the next
/// <c>LIN</c>, <c>PIA</c> or <c>LOC</c>, are skipped without further warnings. Everything else still fails:
/// syntax and segment tags, the envelope (UNH…UNT pairs, the message type), UNT's count and reference, a
/// <c>LOC+172</c> without an ID, a <c>QTY</c> before any <c>LOC+172</c> or <c>PIA+5</c>, and a value group
/// with two start or two end dates (unless the group is already being skipped: its dates are not read).
/// </para>
/// <para>
/// Overlaps: the first value group in the text that covers a period wins, and every later group of the same
/// metering point covering any of that time (the same period repeated, or part of it) is skipped with an
/// <c>import.mscons.overlap</c> warning naming both groups. Import and export groups with exactly the same
/// period are not an overlap; they form one interval. MSCONS gives no meaning to a period repeated within a
/// transmission (a correction is sent as a new message whose BGM names it as such), so a repeat is a sender's
/// error; keeping the first in text order depends on nothing but the text, and a group skipped for any other
/// reason is skipped before it covers anything, so it never displaces a valid one.
/// </para>
/// </remarks>
public static class MsconsReadings
{
    /// <summary>Parses MSCONS text into one series per metering point, failing on the first problem.</summary>
    /// <param name="text">The whole interchange.</param>
    /// <returns>The series, in ordinal order of metering point; or the first error, naming its segment.</returns>
    public static Result<ImmutableArray<ImportedSeries>> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text, warnings: null);
    }

    /// <summary>Parses MSCONS text into one series per metering point, optionally skipping invalid value groups.</summary>
    /// <param name="text">The whole interchange.</param>
    /// <param name="skipInvalidGroups">
    /// True to skip invalid value groups (and the groups of an unsupported OBIS code) with a warning each, as the
    /// remarks list; false to fail on them exactly as <see cref="Parse(string)"/> does.
    /// </param>
    /// <param name="warnings">What was skipped, in text order; empty when nothing was, or when the parse failed.</param>
    /// <returns>The series, in ordinal order of metering point; or the first error that is not skipped, naming its segment.</returns>
    public static Result<ImmutableArray<ImportedSeries>> Parse(string text, bool skipInvalidGroups, out ImmutableArray<ImportWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(text);
        var collected = skipInvalidGroups ? ImmutableArray.CreateBuilder<ImportWarning>() : null;
        var result = Parse(text, collected);
        warnings = result.IsSuccess && collected is not null ? collected.ToImmutable() : [];
        return result;
    }

    private static Result<ImmutableArray<ImportedSeries>> Parse(string text, ImmutableArray<ImportWarning>.Builder? warnings)
    {
        var read = EdifactInterchange.Read(text);
        if (!read.TryGetValue(out var interchange))
        {
            return Result<ImmutableArray<ImportedSeries>>.Fail(read.Error!);
        }

        var state = new MessageState(new SeriesAssembler(ImportErrors.MsconsOverlap), interchange.DecimalMark, warnings);
        EdifactSegment? lastSegment = null;
        foreach (var segment in interchange.Segments)
        {
            lastSegment = segment;
            var error = state.Accept(segment);
            if (error is not null)
            {
                return Result<ImmutableArray<ImportedSeries>>.Fail(error);
            }
        }

        if (state.Header is not null)
        {
            return Fail(ImportErrors.MsconsBadStructure, state.Header, "the message has no UNT trailer.");
        }

        if (state.MessageCount == 0)
        {
            return Result<ImmutableArray<ImportedSeries>>.Fail(ImportErrors.MsconsBadStructure, lastSegment is null ? "segment 1: the text has no segments." : Invariant($"{lastSegment.Position}: the interchange has no UNH message."));
        }

        return state.Assembler.Build();
    }

    private static Result<ImmutableArray<ImportedSeries>> Fail(string code, EdifactSegment segment, string message) =>
        Result<ImmutableArray<ImportedSeries>>.Fail(Error(code, segment, message));

    private static Error Error(string code, EdifactSegment segment, string message) => new(code, Invariant($"{segment.Position}: {message}"));

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>Reads one segment at a time; with a warnings builder, value-group problems become warnings.</summary>
    private sealed class MessageState(SeriesAssembler assembler, char decimalMark, ImmutableArray<ImportWarning>.Builder? warnings)
    {
        private int _segmentCount;
        private string? _meterId;
        private bool? _isImport;
        private bool _skipObis;
        private EdifactSegment? _quantity;
        private bool _skipQuantity;
        private long _quantityMilliwattHours;
        private (EdifactSegment Segment, long UnixSeconds)? _start;
        private (EdifactSegment Segment, long UnixSeconds)? _end;

        public SeriesAssembler Assembler { get; } = assembler;

        public EdifactSegment? Header { get; private set; }

        public int MessageCount { get; private set; }

        public Error? Accept(EdifactSegment segment)
        {
            if (Header is null)
            {
                return segment.Tag switch
                {
                    "UNB" or "UNZ" => null,
                    "UNH" => OpenMessage(segment),
                    _ => Error(ImportErrors.MsconsBadStructure, segment, "the segment is outside a UNH…UNT message."),
                };
            }

            _segmentCount++;
            if (segment.Tag is "DTM" or "STS")
            {
                return _quantity is null || _skipQuantity || segment.Tag is "STS" ? null : AcceptDate(segment);
            }

            var closed = CloseQuantity();
            if (closed is not null)
            {
                return closed;
            }

            switch (segment.Tag)
            {
                case "UNH":
                    return Error(ImportErrors.MsconsBadStructure, segment, Invariant($"a new message starts before the one at {Header.Position} ended with UNT."));
                case "UNT":
                    return CloseMessage(segment);
                case "LOC" when string.Equals(segment.Component(1, 1), "172", StringComparison.Ordinal):
                    _meterId = segment.Component(2, 1);
                    _isImport = null;
                    _skipObis = false;
                    if (_meterId.Length == 0)
                    {
                        return Error(ImportErrors.MsconsBadSegment, segment, "LOC+172 has no metering point ID.");
                    }

                    Assembler.AddMeter(_meterId);
                    return null;
                case "LIN":
                    _isImport = null;
                    _skipObis = false;
                    return null;
                case "PIA" when string.Equals(segment.Component(1, 1), "5", StringComparison.Ordinal):
                    return AcceptObis(segment);
                case "QTY":
                    return OpenQuantity(segment);
                default:
                    return null;
            }
        }

        private Error? OpenMessage(EdifactSegment segment)
        {
            if (!string.Equals(segment.Component(2, 1), "MSCONS", StringComparison.Ordinal))
            {
                return Error(ImportErrors.MsconsNotMscons, segment, Invariant($"the message type is '{segment.Component(2, 1)}', not MSCONS."));
            }

            Header = segment;
            MessageCount++;
            _segmentCount = 1;
            _meterId = null;
            _isImport = null;
            _skipObis = false;
            return null;
        }

        private Error? CloseMessage(EdifactSegment segment)
        {
            var header = Header!;
            var countText = segment.Component(1, 1);
            if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count != _segmentCount)
            {
                return Error(ImportErrors.MsconsBadCount, segment, Invariant($"UNT counts '{countText}' segments, but the message from {header.Position} has {_segmentCount}."));
            }

            if (!string.Equals(segment.Component(2, 1), header.Component(1, 1), StringComparison.Ordinal))
            {
                return Error(ImportErrors.MsconsBadCount, segment, Invariant($"UNT's reference '{segment.Component(2, 1)}' differs from UNH's '{header.Component(1, 1)}'."));
            }

            Header = null;
            return null;
        }

        private Error? AcceptObis(EdifactSegment segment)
        {
            var obis = segment.Component(2, 1);
            var colon = obis.IndexOf(':', StringComparison.Ordinal);
            var cde = colon < 0 ? obis : obis[(colon + 1)..];
            var dot = cde.IndexOf('.', StringComparison.Ordinal);
            var c = dot < 0 ? string.Empty : cde[..dot];
            _isImport = c switch
            {
                "1" => true,
                "2" => false,
                _ => null,
            };
            _skipObis = _isImport is null && warnings is not null;
            return _isImport is null
                ? Skip(Error(ImportErrors.MsconsUnsupportedObis, segment, Invariant($"the OBIS code '{obis}' is neither 1.x.x (import) nor 2.x.x (export).")))
                : null;
        }

        private Error? OpenQuantity(EdifactSegment segment)
        {
            if (_meterId is null || (_isImport is null && !_skipObis))
            {
                return Error(ImportErrors.MsconsBadStructure, segment, "a QTY needs a LOC+172 metering point and a PIA+5 OBIS code before it.");
            }

            _quantity = segment;
            _skipQuantity = _skipObis;
            _start = null;
            _end = null;
            if (_skipQuantity)
            {
                return null;
            }

            var value = segment.Component(1, 2);
            var unit = segment.Component(1, 3);
            var decimals = unit.ToUpperInvariant() switch
            {
                "" or "KWH" => 6,
                "MWH" => 9,
                "WH" or "WHR" => 3,
                _ => -1,
            };
            if (decimals < 0)
            {
                return SkipQuantity(Error(ImportErrors.MsconsBadUnit, segment, Invariant($"the unit '{unit}' is not an energy unit (KWH, MWH, WH).")));
            }

            return ExactDecimal.TryParse(value, decimalMark, decimals, out _quantityMilliwattHours) switch
            {
                DecimalParseStatus.Parsed => null,
                DecimalParseStatus.Inexact => SkipQuantity(Error(ImportErrors.MsconsInexactValue, segment, Invariant($"the value '{value}' is finer than 1 mWh; values are never rounded."))),
                _ => SkipQuantity(Error(ImportErrors.MsconsBadValue, segment, Invariant($"the value '{value}' is not a non-negative decimal with the decimal mark '{decimalMark}' (or is too large)."))),
            };
        }

        private Error? AcceptDate(EdifactSegment segment)
        {
            var qualifier = segment.Component(1, 1);
            if (qualifier is not ("163" or "164"))
            {
                return null;
            }

            var isStart = string.Equals(qualifier, "163", StringComparison.Ordinal);
            if ((isStart ? _start : _end) is { } earlier)
            {
                return Error(ImportErrors.MsconsBadStructure, segment, Invariant($"the QTY at {_quantity!.Position} already has a DTM+{qualifier} at segment {earlier.Segment.Number}."));
            }

            if (!TryParseDate(segment, out var unixSeconds, out var problem))
            {
                return SkipQuantity(Error(ImportErrors.MsconsBadDate, segment, problem));
            }

            if (isStart)
            {
                _start = (segment, unixSeconds);
            }
            else
            {
                _end = (segment, unixSeconds);
            }

            return null;
        }

        private Error? CloseQuantity()
        {
            if (_quantity is null)
            {
                return null;
            }

            var quantity = _quantity;
            _quantity = null;
            if (_skipQuantity)
            {
                return null;
            }

            if (_start is not { } start || _end is not { } end)
            {
                return Skip(Error(ImportErrors.MsconsMissingPeriod, quantity, Invariant($"the QTY has no DTM+{(_start is null ? "163 start" : "164 end")} after it.")));
            }

            if (end.UnixSeconds <= start.UnixSeconds)
            {
                return Skip(Error(ImportErrors.MsconsBadPeriod, end.Segment, Invariant($"the end {UnixTime.Format(end.UnixSeconds)} is not after the start {UnixTime.Format(start.UnixSeconds)} (segment {start.Segment.Number}) of the QTY at {quantity.Position}.")));
            }

            var overlap = _isImport == true
                ? Assembler.Add(_meterId!, start.UnixSeconds, end.UnixSeconds - start.UnixSeconds, _quantityMilliwattHours, null, quantity.Position)
                : Assembler.Add(_meterId!, start.UnixSeconds, end.UnixSeconds - start.UnixSeconds, null, _quantityMilliwattHours, quantity.Position);
            return overlap is null ? null : Skip(overlap);
        }

        /// <summary>Strict: the error. Lenient: records it as a warning and carries on (the caller has skipped what it names).</summary>
        private Error? Skip(Error error)
        {
            if (warnings is null)
            {
                return error;
            }

            warnings.Add(new ImportWarning(error.Code, error.Message));
            return null;
        }

        /// <summary>Like <see cref="Skip"/>, and the rest of the current value group is skipped too.</summary>
        private Error? SkipQuantity(Error error)
        {
            _skipQuantity = true;
            return Skip(error);
        }

        private static bool TryParseDate(EdifactSegment segment, out long unixSeconds, out string problem)
        {
            unixSeconds = 0;
            var text = segment.Component(1, 2);
            var format = segment.Component(1, 3);
            if (!string.Equals(format, "303", StringComparison.Ordinal))
            {
                problem = Invariant($"the date format is '{format}'; only 303 (CCYYMMDDHHMM with a UTC offset) is accepted, since other formats leave the instant ambiguous.");
                return false;
            }

            problem = Invariant($"'{text}' is not CCYYMMDDHHMM followed by a ±HH UTC offset (format 303).");
            if (text.Length != 15 || text[12] is not ('+' or '-')
                || !int.TryParse(text.AsSpan(13, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var offsetHours) || offsetHours > 14
                || !DateTime.TryParseExact(text.AsSpan(0, 12), "yyyyMMddHHmm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                return false;
            }

            var offset = TimeSpan.FromHours(text[12] == '-' ? -offsetHours : offsetHours);
            var utcTicks = local.Ticks - offset.Ticks;
            if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
            {
                return false;
            }

            unixSeconds = new DateTimeOffset(local, offset).ToUnixTimeSeconds();
            return true;
        }
    }
}
