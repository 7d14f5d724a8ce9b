using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Flecs.Core.Results;

namespace Flecs.Import;

/// <summary>Reads DSMR P1 telegrams (IEC 62056-21 OBIS text) into register snapshots, and snapshots into interval series.</summary>
/// <remarks>
/// <para>
/// A telegram runs from a header line starting with <c>/</c> to an end line starting with <c>!</c>. When
/// the end line carries four hexadecimal digits they must equal the CRC-16/ARC (polynomial 0xA001
/// reflected, initial value 0) of the telegram's bytes (UTF-8) from <c>/</c> through <c>!</c>, line
/// endings included; the CRC is checked before any data line is read. An end line with nothing after
/// <c>!</c> (DSMR before 4.0, EasyMeter) has no CRC. Blank lines around telegrams are ignored; any other
/// text outside a telegram is an error, unless the parse is lenient: then it is skipped with an
/// <c>import.dsmr.text-outside-telegram</c> warning per run of such lines (a gateway's trailer after the
/// <c>!</c> line, or the tail of a telegram cut off where a capture began). A lenient parse skips nothing
/// else.
/// </para>
/// <para>
/// Data lines are <c>A-B:C.D.E[*F](value)(value)…</c>; <c>*255</c> (current value) is the same as no
/// <c>*F</c>, other F values are different codes. Lines starting with <c>(</c> continue the line before
/// (DSMR 3 gas readings) and are skipped. Used codes, each at most once per telegram:
/// <c>0-0:1.0.0(YYMMDDhhmmssX)</c> the timestamp, X = <c>W</c> (winter, UTC+01:00) or <c>S</c> (summer,
/// UTC+02:00), year 20YY, optional (EasyMeter sends none); <c>0-0:96.1.1</c> the equipment identifier,
/// taken verbatim as the meter ID (else <c>0-0:96.1.255</c>, which EasyMeter uses); <c>1-0:1.8.0</c> total
/// import, else the sum of the tariff registers <c>1-0:1.8.1</c>…<c>1-0:1.8.9</c>; <c>1-0:2.8.0</c> total
/// export, else the sum of <c>1-0:2.8.1</c>…<c>1-0:2.8.9</c>, or 0 when the meter has no export register.
/// Register values are <c>digits[.digits]*kWh</c> (or <c>*Wh</c>), converted to µWh (10⁻⁹ kWh) exactly, so
/// up to nine decimals of kWh (EasyMeter writes seven) are kept as the telegram gives them; a value finer
/// than 1 µWh is an error, never rounded. Other lines are checked for syntax only. Errors name the line,
/// counted from 1 in the text given.
/// </para>
/// </remarks>
public static class DsmrTelegrams
{
    private const string TimestampCode = "0-0:1.0.0";
    private const string EquipmentCode = "0-0:96.1.1";
    private const string EasyMeterEquipmentCode = "0-0:96.1.255";

    /// <summary>Parses text holding exactly one telegram.</summary>
    /// <param name="telegram">The telegram, optionally surrounded by blank lines.</param>
    /// <returns>The snapshot (without a timestamp when the telegram has none); or the first error, naming its line.</returns>
    public static Result<RegisterSnapshot> ParseTelegram(string telegram) => ParseTelegram(telegram, null);

    /// <summary>Parses text holding exactly one telegram, timing it by its reception when it carries no timestamp.</summary>
    /// <param name="telegram">The telegram, optionally surrounded by blank lines.</param>
    /// <param name="receivedAtUnixSeconds">
    /// When the telegram was received, since the Unix epoch (UTC), used only when the telegram has no
    /// <c>0-0:1.0.0</c> timestamp; null to leave such a snapshot without one. Must lie within years 1–9999.
    /// </param>
    /// <returns>The snapshot; or the first error, naming its line.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="receivedAtUnixSeconds"/> is outside years 1–9999.</exception>
    public static Result<RegisterSnapshot> ParseTelegram(string telegram, long? receivedAtUnixSeconds) =>
        ParseTelegram(telegram, receivedAtUnixSeconds, skipTextOutsideTelegram: false, out _);

    /// <summary>Parses text holding exactly one telegram, optionally skipping text around it (see the remarks).</summary>
    /// <param name="telegram">The telegram, with anything around it.</param>
    /// <param name="receivedAtUnixSeconds">
    /// When the telegram was received, since the Unix epoch (UTC), used only when the telegram has no
    /// <c>0-0:1.0.0</c> timestamp; null to leave such a snapshot without one. Must lie within years 1–9999.
    /// </param>
    /// <param name="skipTextOutsideTelegram">True to skip non-blank text before and after the telegram with warnings; false to fail on it.</param>
    /// <param name="warnings">What was skipped, in text order; empty when nothing was, or when the parse failed.</param>
    /// <returns>The snapshot; or the first error, naming its line.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="receivedAtUnixSeconds"/> is outside years 1–9999.</exception>
    public static Result<RegisterSnapshot> ParseTelegram(string telegram, long? receivedAtUnixSeconds, bool skipTextOutsideTelegram, out ImmutableArray<ImportWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(telegram);
        if (receivedAtUnixSeconds is < UnixTime.MinSeconds or > UnixTime.MaxSeconds)
        {
            throw new ArgumentOutOfRangeException(nameof(receivedAtUnixSeconds), receivedAtUnixSeconds, "The reception time must lie within years 1–9999.");
        }

        var parsed = Parse(telegram, single: true, receivedAtUnixSeconds, skipTextOutsideTelegram, out warnings);
        if (!parsed.TryGetValue(out var snapshots))
        {
            return Result<RegisterSnapshot>.Fail(parsed.Error!);
        }

        if (snapshots.Length == 0)
        {
            warnings = [];
            return Result<RegisterSnapshot>.Fail(ImportErrors.DsmrMissingHeader, "line 1: the text has no telegram header line (starting with '/').");
        }

        return snapshots[0];
    }

    /// <summary>Parses several telegrams written one after another (for example a P1 port capture).</summary>
    /// <param name="text">The telegrams, separated by nothing or by blank lines.</param>
    /// <returns>The snapshots in the order of the text (empty for blank text); or the first error, naming its line.</returns>
    public static Result<ImmutableArray<RegisterSnapshot>> ParseMany(string text) => ParseMany(text, skipTextOutsideTelegrams: false, out _);

    /// <summary>Parses several telegrams written one after another, optionally skipping text between them (see the remarks).</summary>
    /// <param name="text">The telegrams, separated by nothing, blank lines or (when skipped) other text.</param>
    /// <param name="skipTextOutsideTelegrams">True to skip non-blank text outside the telegrams with warnings; false to fail on it.</param>
    /// <param name="warnings">What was skipped, in text order; empty when nothing was, or when the parse failed.</param>
    /// <returns>The snapshots in the order of the text (empty when there is no telegram); or the first error, naming its line.</returns>
    public static Result<ImmutableArray<RegisterSnapshot>> ParseMany(string text, bool skipTextOutsideTelegrams, out ImmutableArray<ImportWarning> warnings)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(text, single: false, receivedAtUnixSeconds: null, skipTextOutsideTelegrams, out warnings);
    }

    /// <summary>Turns register snapshots of one meter into interval readings: the differences of consecutive snapshots.</summary>
    /// <remarks>
    /// Snapshot totals are µWh, interval energies whole mWh. Each total is first floored to mWh
    /// (⌊µWh / 1000⌋), and an interval's energy is the difference of the floored totals at its ends, never a
    /// rounded difference of exact ones. So the energies telescope: over any run of consecutive intervals they
    /// add up to exactly ⌊last total⌋ − ⌊first total⌋ in mWh, whatever the sub-mWh digits, and each interval
    /// is within 1 mWh of the exact difference of its totals (less than 1 mWh below or above). The remainder
    /// below 1 mWh is never lost, only carried into the interval in which the register crosses the next whole
    /// mWh. Every snapshot must have a timestamp (see <see cref="ParseTelegram(string, long?)"/> for telegrams
    /// without one).
    /// </remarks>
    /// <param name="snapshots">Snapshots of one meter, in any order; they are ordered by timestamp.</param>
    /// <returns>
    /// One interval per consecutive pair, from the earlier timestamp to the later one (a single snapshot gives
    /// an empty series); or an error when the list is empty, mixes meters, has a snapshot without a timestamp
    /// (<c>import.dsmr.missing-timestamp</c>) or with one outside years 1–9999, repeats a timestamp or a
    /// register goes backwards. Errors name the snapshot as <c>snapshot N</c>, its position in the list from 1.
    /// </returns>
    public static Result<ImportedSeries> ToSeries(IReadOnlyList<RegisterSnapshot> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        if (snapshots.Count == 0)
        {
            return Result<ImportedSeries>.Fail(ImportErrors.DsmrNoSnapshots, "snapshot 1: there are no snapshots to build a series from.");
        }

        var meterId = snapshots[0].MeterId;
        var timed = new (RegisterSnapshot Snapshot, long Timestamp, int Number)[snapshots.Count];
        for (var i = 0; i < snapshots.Count; i++)
        {
            var snapshot = snapshots[i];
            if (!string.Equals(snapshot.MeterId, meterId, StringComparison.Ordinal))
            {
                return Result<ImportedSeries>.Fail(ImportErrors.DsmrMixedMeters, Invariant($"snapshot {i + 1}: meter '{snapshot.MeterId}' differs from meter '{meterId}' of snapshot 1; a series belongs to one meter."));
            }

            if (snapshot.TimestampUnixSeconds is not { } timestamp)
            {
                return Result<ImportedSeries>.Fail(ImportErrors.DsmrMissingTimestamp, Invariant($"snapshot {i + 1}: the snapshot of meter '{meterId}' has no timestamp (its telegram has no {TimestampCode}); give the telegram's reception time when parsing it."));
            }

            if (timestamp is < UnixTime.MinSeconds or > UnixTime.MaxSeconds)
            {
                return Result<ImportedSeries>.Fail(ImportErrors.DsmrBadTimestamp, Invariant($"snapshot {i + 1}: the timestamp {timestamp} (Unix seconds) is outside years 1–9999."));
            }

            timed[i] = (snapshot, timestamp, i + 1);
        }

        var ordered = timed.OrderBy(s => s.Timestamp).ToArray();
        var intervals = ImmutableArray.CreateBuilder<ImportedInterval>(ordered.Length - 1);
        for (var i = 1; i < ordered.Length; i++)
        {
            var (previous, previousTime, previousNumber) = ordered[i - 1];
            var (current, time, number) = ordered[i];
            var at = Invariant($"snapshot {number} ({UnixTime.Format(time)})");
            if (time == previousTime)
            {
                return Result<ImportedSeries>.Fail(ImportErrors.DsmrDuplicateTimestamp, Invariant($"{at}: snapshot {previousNumber} has the same timestamp."));
            }

            var importDecreased = current.ImportTotalMicrowattHours < previous.ImportTotalMicrowattHours;
            if (importDecreased || current.ExportTotalMicrowattHours < previous.ExportTotalMicrowattHours)
            {
                var (register, now, before) = importDecreased
                    ? ("import", current.ImportTotalMicrowattHours, previous.ImportTotalMicrowattHours)
                    : ("export", current.ExportTotalMicrowattHours, previous.ExportTotalMicrowattHours);
                return Result<ImportedSeries>.Fail(ImportErrors.DsmrRegisterDecreased, Invariant($"{at}: the {register} register reads {now} µWh, less than {before} µWh at snapshot {previousNumber} ({UnixTime.Format(previousTime)}); cumulative registers never go backwards."));
            }

            intervals.Add(new ImportedInterval(
                previousTime,
                time - previousTime,
                FloorToMilliwattHours(current.ImportTotalMicrowattHours) - FloorToMilliwattHours(previous.ImportTotalMicrowattHours),
                FloorToMilliwattHours(current.ExportTotalMicrowattHours) - FloorToMilliwattHours(previous.ExportTotalMicrowattHours)));
        }

        return new ImportedSeries(meterId, intervals.MoveToImmutable());
    }

    /// <summary>CRC-16/ARC: polynomial 0x8005 reflected (0xA001), initial value 0, no final XOR.</summary>
    internal static ushort ComputeCrc(ReadOnlySpan<byte> bytes)
    {
        var crc = 0;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1;
            }
        }

        return (ushort)crc;
    }

    /// <summary>⌊µWh / 1000⌋: the whole mWh a register has reached (rounding down for negative totals too).</summary>
    private static long FloorToMilliwattHours(long microwattHours)
    {
        var milliwattHours = microwattHours / 1000;
        return microwattHours % 1000 < 0 ? milliwattHours - 1 : milliwattHours;
    }

    private static Result<ImmutableArray<RegisterSnapshot>> Parse(string text, bool single, long? receivedAtUnixSeconds, bool skipTextOutside, out ImmutableArray<ImportWarning> warnings)
    {
        warnings = [];
        var lines = SplitLines(text);
        var snapshots = ImmutableArray.CreateBuilder<RegisterSnapshot>();
        var skipped = ImmutableArray.CreateBuilder<ImportWarning>();
        var outside = new OutsideRun();
        int? header = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (header is null)
            {
                if (line.Content.AsSpan().Trim().Length == 0)
                {
                    continue;
                }

                if (!line.Content.StartsWith('/'))
                {
                    if (!skipTextOutside)
                    {
                        return Fail(ImportErrors.DsmrTextOutsideTelegram, line.Number, OutsideMessage(line));
                    }

                    outside.Add(line);
                    continue;
                }

                outside.Flush(skipped);
                if (single && snapshots.Count > 0)
                {
                    return Fail(ImportErrors.DsmrTextOutsideTelegram, line.Number, "a second telegram starts here; ParseTelegram takes exactly one (ParseMany takes several).");
                }

                header = i;
                continue;
            }

            if (line.Content.StartsWith('/'))
            {
                return Fail(ImportErrors.DsmrMissingEnd, line.Number, Invariant($"a new telegram starts before the telegram at line {lines[header.Value].Number} ended with a '!' line."));
            }

            if (line.Content.StartsWith('!'))
            {
                var snapshot = ParseFrame(text, lines, header.Value, i, receivedAtUnixSeconds);
                if (!snapshot.TryGetValue(out var value))
                {
                    return Result<ImmutableArray<RegisterSnapshot>>.Fail(snapshot.Error!);
                }

                snapshots.Add(value);
                header = null;
            }
        }

        if (header is { } open)
        {
            return Fail(ImportErrors.DsmrMissingEnd, lines[open].Number, "the telegram starting here has no end line (starting with '!').");
        }

        outside.Flush(skipped);
        warnings = skipped.ToImmutable();
        return snapshots.ToImmutable();
    }

    private static string OutsideMessage(TextLine line) =>
        Invariant($"'{Shorten(line.Content)}' is outside a telegram (a telegram starts with a '/' line and ends with a '!' line).");

    private static Result<RegisterSnapshot> ParseFrame(string text, List<TextLine> lines, int header, int end, long? receivedAtUnixSeconds)
    {
        var endLine = lines[end];
        var crcText = endLine.Content[1..].TrimEnd();
        if (crcText.Length > 0)
        {
            if (crcText.Length != 4 || !ushort.TryParse(crcText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var expected))
            {
                return Error(ImportErrors.DsmrBadEndLine, endLine.Number, Invariant($"the end line '{Shorten(endLine.Content)}' must be '!' alone or followed by four hexadecimal CRC digits."));
            }

            var start = lines[header].Offset;
            var actual = ComputeCrc(Encoding.UTF8.GetBytes(text, start, endLine.Offset - start + 1));
            if (actual != expected)
            {
                return Error(ImportErrors.DsmrBadCrc, endLine.Number, Invariant($"the telegram's CRC is {crcText}, but its bytes from '/' (line {lines[header].Number}) through '!' give {actual:X4}; the telegram is corrupt."));
            }
        }

        var values = new Dictionary<string, (string Value, int Line)>(StringComparer.Ordinal);
        for (var i = header + 1; i < end; i++)
        {
            var line = lines[i];
            if (line.Content.AsSpan().Trim().Length == 0 || line.Content.StartsWith('('))
            {
                continue;
            }

            if (!TrySplitDataLine(line.Content, out var code, out var firstValue))
            {
                return Error(ImportErrors.DsmrBadLine, line.Number, Invariant($"'{Shorten(line.Content)}' is not an OBIS code A-B:C.D.E[*F] followed by (value) groups."));
            }

            if (IsUsed(code) && !values.TryAdd(code, (firstValue, line.Number)))
            {
                return Error(ImportErrors.DsmrDuplicateRegister, line.Number, Invariant($"{code} appears again (first at line {values[code].Line})."));
            }
        }

        var headerNumber = lines[header].Number;
        if (!values.TryGetValue(EquipmentCode, out var meter) && !values.TryGetValue(EasyMeterEquipmentCode, out meter))
        {
            return Error(ImportErrors.DsmrMissingMeterId, headerNumber, Invariant($"the telegram starting here has no equipment identifier ({EquipmentCode})."));
        }

        if (meter.Value.Length == 0)
        {
            return Error(ImportErrors.DsmrMissingMeterId, meter.Line, "the equipment identifier is empty.");
        }

        var import = SumRegisters(values, "1-0:1.8.", out var hasImport);
        if (!import.TryGetValue(out var importTotal))
        {
            return Result<RegisterSnapshot>.Fail(import.Error!);
        }

        var export = SumRegisters(values, "1-0:2.8.", out _);
        if (!export.TryGetValue(out var exportTotal))
        {
            return Result<RegisterSnapshot>.Fail(export.Error!);
        }

        if (!hasImport)
        {
            return Error(ImportErrors.DsmrMissingRegister, headerNumber, "the telegram starting here has no import register (1-0:1.8.0 or 1-0:1.8.1…9).");
        }

        if (!values.TryGetValue(TimestampCode, out var timestamp))
        {
            return new RegisterSnapshot(meter.Value, receivedAtUnixSeconds, importTotal, exportTotal);
        }

        if (!TryParseTimestamp(timestamp.Value, out var unixSeconds))
        {
            return Error(ImportErrors.DsmrBadTimestamp, timestamp.Line, Invariant($"the timestamp '{timestamp.Value}' is not YYMMDDhhmmss followed by W (winter, +01:00) or S (summer, +02:00)."));
        }

        return new RegisterSnapshot(meter.Value, unixSeconds, importTotal, exportTotal);
    }

    private static Result<long> SumRegisters(Dictionary<string, (string Value, int Line)> values, string prefix, out bool found)
    {
        found = false;
        long total = 0;
        var codes = values.TryGetValue(prefix + "0", out _)
            ? [prefix + "0"]
            : Enumerable.Range(1, 9).Select(t => prefix + t.ToString(CultureInfo.InvariantCulture));
        foreach (var code in codes)
        {
            if (!values.TryGetValue(code, out var register))
            {
                continue;
            }

            found = true;
            var parsed = ParseEnergy(code, register.Value, register.Line);
            if (!parsed.TryGetValue(out var microwattHours))
            {
                return parsed;
            }

            if (microwattHours > long.MaxValue - total)
            {
                return Error<long>(ImportErrors.DsmrBadValue, register.Line, Invariant($"the registers {prefix}x add up to more than a 64-bit µWh count."));
            }

            total += microwattHours;
        }

        return total;
    }

    private static Result<long> ParseEnergy(string code, string text, int line)
    {
        var star = text.IndexOf('*', StringComparison.Ordinal);
        var unit = star < 0 ? string.Empty : text[(star + 1)..];
        var decimals = unit switch
        {
            "kWh" => 9,
            "Wh" => 6,
            _ => -1,
        };
        if (decimals < 0)
        {
            return Error<long>(ImportErrors.DsmrBadUnit, line, Invariant($"{code}({text}) has the unit '{unit}'; an energy register is in kWh or Wh."));
        }

        var number = text[..star];
        return ExactDecimal.TryParse(number, '.', decimals, out var microwattHours) switch
        {
            DecimalParseStatus.Parsed => microwattHours,
            DecimalParseStatus.Inexact => Error<long>(ImportErrors.DsmrInexactValue, line, Invariant($"{code}({text}) is finer than 1 µWh; values are never rounded.")),
            _ => Error<long>(ImportErrors.DsmrBadValue, line, Invariant($"{code}({text}): '{number}' is not a non-negative decimal with a point (or is too large).")),
        };
    }

    private static bool TryParseTimestamp(string text, out long unixSeconds)
    {
        unixSeconds = 0;
        if (text.Length != 13 || text[12] is not ('W' or 'S') || text.AsSpan(0, 12).ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        if (!DateTime.TryParseExact("20" + text[..12], "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        unixSeconds = new DateTimeOffset(local, TimeSpan.FromHours(text[12] == 'W' ? 1 : 2)).ToUnixTimeSeconds();
        return true;
    }

    private static bool IsUsed(string code) =>
        code is TimestampCode or EquipmentCode or EasyMeterEquipmentCode
        || (code.Length == 9 && (code.StartsWith("1-0:1.8.", StringComparison.Ordinal) || code.StartsWith("1-0:2.8.", StringComparison.Ordinal)) && char.IsAsciiDigit(code[8]));

    private static bool TrySplitDataLine(string content, out string code, out string firstValue)
    {
        code = string.Empty;
        firstValue = string.Empty;
        var open = content.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || !IsObisCode(content.AsSpan(0, open)))
        {
            return false;
        }

        code = content[..open];
        if (code.EndsWith("*255", StringComparison.Ordinal))
        {
            code = code[..^4];
        }

        var position = open;
        var first = true;
        while (position < content.Length)
        {
            if (content[position] != '(')
            {
                return false;
            }

            var close = content.IndexOf(')', position);
            if (close < 0)
            {
                return false;
            }

            if (first)
            {
                firstValue = content[(position + 1)..close];
                first = false;
            }

            position = close + 1;
        }

        return true;
    }

    private static bool IsObisCode(ReadOnlySpan<char> text)
    {
        // A-B:C.D.E with an optional *F; every group is one to three digits.
        ReadOnlySpan<char> separators = "-:..*";
        var group = 0;
        var digits = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                if (++digits > 3)
                {
                    return false;
                }
            }
            else if (group < separators.Length && c == separators[group] && digits > 0)
            {
                group++;
                digits = 0;
            }
            else
            {
                return false;
            }
        }

        return digits > 0 && group is 4 or 5;
    }

    private static List<TextLine> SplitLines(string text)
    {
        var lines = new List<TextLine>();
        var offset = 0;
        var number = 1;
        while (offset <= text.Length)
        {
            var newline = text.IndexOf('\n', offset);
            var end = newline < 0 ? text.Length : newline;
            var contentEnd = end > offset && text[end - 1] == '\r' ? end - 1 : end;
            lines.Add(new TextLine(number, offset, text[offset..contentEnd]));
            if (newline < 0)
            {
                break;
            }

            offset = newline + 1;
            number++;
        }

        return lines;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    private static Result<RegisterSnapshot> Error(string code, int line, string message) => Result<RegisterSnapshot>.Fail(code, Invariant($"line {line}: {message}"));

    private static Result<T> Error<T>(string code, int line, string message) => Result<T>.Fail(code, Invariant($"line {line}: {message}"));

    private static Result<ImmutableArray<RegisterSnapshot>> Fail(string code, int line, string message) => Result<ImmutableArray<RegisterSnapshot>>.Fail(code, Invariant($"line {line}: {message}"));

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private sealed record TextLine(int Number, int Offset, string Content);

    /// <summary>Consecutive non-blank lines outside telegrams (blank lines between them included), skipped as one warning.</summary>
    private sealed class OutsideRun
    {
        private TextLine? _first;
        private TextLine? _last;
        private int _count;

        public void Add(TextLine line)
        {
            _first ??= line;
            _last = line;
            _count++;
        }

        public void Flush(ImmutableArray<ImportWarning>.Builder warnings)
        {
            if (_first is null)
            {
                return;
            }

            var more = _count == 1 ? "it was skipped." : Invariant($"it and {_count - 1} more non-blank line(s), through line {_last!.Number}, were skipped.");
            warnings.Add(new ImportWarning(ImportErrors.DsmrTextOutsideTelegram, Invariant($"line {_first.Number}: {OutsideMessage(_first)[..^1]}; {more}")));
            _first = null;
            _last = null;
            _count = 0;
        }
    }
}
