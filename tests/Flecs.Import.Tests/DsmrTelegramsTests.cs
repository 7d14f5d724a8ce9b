using System.Globalization;
using System.Text;

namespace Flecs.Import.Tests;

public sealed class DsmrTelegramsTests
{
    private const string Minimal = "/X\r\n0-0:1.0.0(250601120000S)\r\n0-0:96.1.1(AB)\r\n1-0:1.8.1(1.0*kWh)\r\n!\r\n";

    [Theory]
    [InlineData(SampleFiles.Dsmr42, "3960221976967177082151037881335713", 1_479_067_077, 1_581_123_000_000L + 1_435_706_000_000L, 0L)]
    [InlineData(SampleFiles.Fluvius, "3153414733313031303231363035", 1_589_284_449, 34_000_000L + 15_758_000_000L, 0L + 11_000_000L)]
    public void ParseTelegram_SampleWithCrc_GivesTariffTotalsInMicrowattHours(string file, string meterId, long timestamp, long importUwh, long exportUwh)
    {
        var text = SampleFiles.Read("dsmr_p1", file);

        var snapshot = DsmrTelegrams.ParseTelegram(text).Value;

        Assert.Equal(new RegisterSnapshot(meterId, timestamp, importUwh, exportUwh), snapshot);
    }

    [Fact]
    public void ParseTelegram_SampleWithTimestamp_IgnoresTheReceptionTime()
    {
        var text = SampleFiles.Read("dsmr_p1", SampleFiles.Dsmr42);

        var snapshot = DsmrTelegrams.ParseTelegram(text, 1_700_000_000).Value;

        Assert.Equal(1_479_067_077, snapshot.TimestampUnixSeconds);
    }

    [Theory]
    [InlineData(SampleFiles.Dsmr42, "6796")]
    [InlineData(SampleFiles.Fluvius, "3AD7")]
    public void Sample_CrcInEndLine_MatchesAnIndependentCrc16Arc(string file, string crc)
    {
        var bytes = SampleFiles.ReadBytes("dsmr_p1", file);
        var bang = Array.IndexOf(bytes, (byte)'!');

        var computed = Crc16Arc(bytes.AsSpan(0, bang + 1));

        Assert.Equal(crc, computed.ToString("X4", CultureInfo.InvariantCulture));
        Assert.Equal(crc, Encoding.ASCII.GetString(bytes, bang + 1, 4));
        Assert.Equal(computed, DsmrTelegrams.ComputeCrc(bytes.AsSpan(0, bang + 1)));
    }

    [Theory]
    [InlineData(SampleFiles.Dsmr42, "1-0:1.8.1(001581.123*kWh)", "1-0:1.8.1(001581.124*kWh)")]
    [InlineData(SampleFiles.Dsmr42, "/KFM5KAIFA-METER", "/KFM5KAIFA-METEX")]
    [InlineData(SampleFiles.Fluvius, "0-0:1.0.0(200512135409S)", "0-0:1.0.0(200512135409W)")]
    public void ParseTelegram_CorruptedByte_GivesBadCrcNamingTheEndLine(string file, string original, string corrupted)
    {
        var text = SampleFiles.Read("dsmr_p1", file);
        var endLine = SampleFiles.LineOf(text, "\n!") + 1;

        var result = DsmrTelegrams.ParseTelegram(text.Replace(original, corrupted, StringComparison.Ordinal));

        Assert.Equal(ImportErrors.DsmrBadCrc, result.Error?.Code);
        Assert.StartsWith($"line {endLine}:", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseTelegram_EasyMeterSampleLeniently_KeepsSevenDecimalTotalsExactAndSkipsTheGatewayLines()
    {
        var text = SampleFiles.Read("dsmr_p1", SampleFiles.EasyMeter);

        var snapshot = DsmrTelegrams.ParseTelegram(text, null, skipTextOutsideTelegram: true, out var warnings).Value;

        Assert.Equal("1ESY1313002565", snapshot.MeterId);
        Assert.Null(snapshot.TimestampUnixSeconds);
        Assert.Equal(52_185_782_530_900, snapshot.ImportTotalMicrowattHours);
        Assert.Equal(19_949_322_149_300, snapshot.ExportTotalMicrowattHours);
        Assert.Equal(KilowattHoursTextInMicrowattHours(text, "1-0:1.8.0*255("), snapshot.ImportTotalMicrowattHours);
        Assert.Equal(KilowattHoursTextInMicrowattHours(text, "1-0:2.8.0*255("), snapshot.ExportTotalMicrowattHours);
        var warning = Assert.Single(warnings);
        Assert.Equal(ImportErrors.DsmrTextOutsideTelegram, warning.Code);
        Assert.StartsWith("line 13: '  25803103' is outside a telegram", warning.Message, StringComparison.Ordinal);
        Assert.EndsWith("it and 1 more non-blank line(s), through line 14, were skipped.", warning.Message, StringComparison.Ordinal);
        Assert.Equal(13, SampleFiles.LineOf(text, "  25803103"));
    }

    [Fact]
    public void ParseTelegram_EasyMeterSampleWithReceptionTime_TakesItAsTheTimestamp()
    {
        var text = SampleFiles.Read("dsmr_p1", SampleFiles.EasyMeter);

        var snapshot = DsmrTelegrams.ParseTelegram(text, 1_735_686_000, skipTextOutsideTelegram: true, out _).Value;

        Assert.Equal(new RegisterSnapshot("1ESY1313002565", 1_735_686_000, 52_185_782_530_900, 19_949_322_149_300), snapshot);
    }

    [Fact]
    public void ParseTelegram_EasyMeterSampleStrictly_ReportsTheGatewayLineAfterTheTelegram()
    {
        var text = SampleFiles.Read("dsmr_p1", SampleFiles.EasyMeter);

        var result = DsmrTelegrams.ParseTelegram(text, 1_735_686_000);

        Assert.Equal(ImportErrors.DsmrTextOutsideTelegram, result.Error?.Code);
        Assert.StartsWith("line 13: '  25803103' is outside a telegram", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseTelegram_EasyMeterStyleCodes_UseStar255RegistersAndServerId()
    {
        var text = "/ESY5Q3DB1024 V3.04\r\n\r\n1-0:0.0.0*255(0272031312565)\r\n0-0:1.0.0(250101000000W)\r\n"
            + "1-0:1.8.0*255(00052185.782530*kWh)\r\n1-0:2.8.0*255(00019949.3221*kWh)\r\n1-0:1.8.1*255(00000001.0*kWh)\r\n"
            + "0-0:96.1.255*255(1ESY1313002565)\r\n!\r\n";

        var snapshot = DsmrTelegrams.ParseTelegram(text).Value;

        Assert.Equal(new RegisterSnapshot("1ESY1313002565", 1_735_686_000, 52_185_782_530_000, 19_949_322_100_000), snapshot);
    }

    [Theory]
    [InlineData("1-0:1.8.1(000001.000000001*kWh)", 1_000_000_001L)]
    [InlineData("1-0:1.8.1(000001.0000000010*kWh)", 1_000_000_001L)]
    [InlineData("1-0:1.8.1(1.000001*Wh)", 1_000_001L)]
    public void ParseTelegram_NineDecimalsOfKilowattHours_AreExactMicrowattHours(string register, long importUwh)
    {
        var snapshot = DsmrTelegrams.ParseTelegram(Telegram("0-0:96.1.1(AB)", register)).Value;

        Assert.Equal(new RegisterSnapshot("AB", null, importUwh, 0), snapshot);
    }

    [Fact]
    public void ParseTelegram_ComputedCrc_IsAccepted()
    {
        var body = Telegram(ValidLines())[..^2];

        var snapshot = DsmrTelegrams.ParseTelegram(body + Crc16Arc(Encoding.ASCII.GetBytes(body)).ToString("X4", CultureInfo.InvariantCulture) + "\r\n").Value;

        Assert.Equal(new RegisterSnapshot("4B414C", 1_748_772_000, 3_500_000_000, 250_000_000), snapshot);
    }

    [Theory]
    [InlineData("/X\n0-0:1.0.0(250601120000S)\n", ImportErrors.DsmrMissingEnd, 1)]
    [InlineData("\n\n0-0:96.1.1(AB)\n", ImportErrors.DsmrTextOutsideTelegram, 3)]
    [InlineData("", ImportErrors.DsmrMissingHeader, 1)]
    [InlineData("/X\r\n0-0:96.1.1(AB)\r\n!12\r\n", ImportErrors.DsmrBadEndLine, 3)]
    [InlineData(Minimal + Minimal, ImportErrors.DsmrTextOutsideTelegram, 6)]
    [InlineData("/X\r\n0-0:96.1.1(AB)\r\n/Y\r\n!\r\n", ImportErrors.DsmrMissingEnd, 3)]
    [InlineData(Minimal + "\r\ngarbage\r\n", ImportErrors.DsmrTextOutsideTelegram, 7)]
    public void ParseTelegram_BrokenFraming_GivesCodeNamingTheLine(string text, string code, int line)
    {
        var result = DsmrTelegrams.ParseTelegram(text);

        Assert.Equal(code, result.Error?.Code);
        Assert.StartsWith($"line {line}:", result.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1-0:1.8.1(000001.000*kWh)", "1-0:1.8.1 000001.000*kWh", ImportErrors.DsmrBadLine)]
    [InlineData("1-0:1.8.1(000001.000*kWh)", "1-0:1.8.1(000001.000*kWh)x", ImportErrors.DsmrBadLine)]
    [InlineData("1-0:1.8.1(000001.000*kWh)", "1-0:1.8.1(000001.000*kW)", ImportErrors.DsmrBadUnit)]
    [InlineData("1-0:1.8.1(000001.000*kWh)", "1-0:1.8.1(-00001.000*kWh)", ImportErrors.DsmrBadValue)]
    [InlineData("1-0:1.8.1(000001.000*kWh)", "1-0:1.8.1(000001.0000000001*kWh)", ImportErrors.DsmrInexactValue)]
    [InlineData("1-0:1.8.1(000001.000*kWh)", "1-0:1.8.1(000001.0000001*Wh)", ImportErrors.DsmrInexactValue)]
    [InlineData("1-0:2.8.2(000000.000*kWh)", "1-0:1.8.1(000001.000*kWh)", ImportErrors.DsmrDuplicateRegister)]
    [InlineData("0-0:1.0.0(250601120000S)", "0-0:1.0.0(251301120000S)", ImportErrors.DsmrBadTimestamp)]
    [InlineData("0-0:1.0.0(250601120000S)", "0-0:1.0.0(250601120000)", ImportErrors.DsmrBadTimestamp)]
    [InlineData("0-0:96.1.1(4B414C)", "0-0:96.1.1()", ImportErrors.DsmrMissingMeterId)]
    public void ParseTelegram_MalformedDataLine_GivesCodeNamingTheLine(string valid, string malformed, string code)
    {
        var lines = ValidLines();
        var index = Array.IndexOf(lines, valid);
        lines[index] = malformed;

        var result = DsmrTelegrams.ParseTelegram(Telegram(lines));

        Assert.Equal(code, result.Error?.Code);
        Assert.StartsWith($"line {index + 3}:", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseTelegram_MissingMeterId_GivesCodeNamingTheHeaderLine()
    {
        var lines = ValidLines().Where(l => l != "0-0:96.1.1(4B414C)").ToArray();

        var result = DsmrTelegrams.ParseTelegram("\r\n" + Telegram(lines));

        Assert.Equal(ImportErrors.DsmrMissingMeterId, result.Error?.Code);
        Assert.StartsWith("line 2:", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseTelegram_NoTimestamp_GivesSnapshotTimedByTheReceptionTimeOrUntimed()
    {
        var text = Telegram([.. ValidLines().Where(l => l != "0-0:1.0.0(250601120000S)")]);

        var untimed = DsmrTelegrams.ParseTelegram(text).Value;
        var received = DsmrTelegrams.ParseTelegram(text, 1_748_772_005).Value;

        Assert.Equal(new RegisterSnapshot("4B414C", null, 3_500_000_000, 250_000_000), untimed);
        Assert.Equal(untimed with { TimestampUnixSeconds = 1_748_772_005 }, received);
    }

    [Theory]
    [InlineData(-62_135_596_801L)]
    [InlineData(253_402_300_800L)]
    public void ParseTelegram_ReceptionTimeOutsideYears1To9999_Throws(long receivedAt)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DsmrTelegrams.ParseTelegram(Minimal, receivedAt));
    }

    [Fact]
    public void ParseMany_TwoTelegrams_GiveSnapshotsInOrderAndToSeriesGivesTheDifference()
    {
        var first = SampleFiles.Read("dsmr_p1", SampleFiles.Dsmr42);
        var second = first
            .Replace("0-0:1.0.0(161113205757W)", "0-0:1.0.0(161113211257W)", StringComparison.Ordinal)
            .Replace("1-0:1.8.2(001435.706*kWh)", "1-0:1.8.2(001435.906*kWh)", StringComparison.Ordinal)
            .Replace("1-0:2.8.1(000000.000*kWh)", "1-0:2.8.1(000000.005*kWh)", StringComparison.Ordinal)
            .Replace("!6796", "!", StringComparison.Ordinal);

        var snapshots = DsmrTelegrams.ParseMany(first + "\r\n" + second).Value;
        var series = DsmrTelegrams.ToSeries(snapshots).Value;

        Assert.Equal([1_479_067_077L, 1_479_067_977L], snapshots.Select(s => s.TimestampUnixSeconds));
        Assert.Equal(new ImportedInterval(1_479_067_077, 900, 200_000, 5_000), Assert.Single(series.Intervals));
    }

    [Fact]
    public void ToSeries_UnorderedSnapshots_AreOrderedByTimestamp()
    {
        RegisterSnapshot[] snapshots = [new("M", 1800, 30_000, 4_000), new("M", 0, 10_000, 1_000), new("M", 900, 10_000, 2_000)];

        var series = DsmrTelegrams.ToSeries(snapshots).Value;

        Assert.Equal([new ImportedInterval(0, 900, 0, 1), new ImportedInterval(900, 900, 20, 2)], series.Intervals);
    }

    [Fact]
    public void ToSeries_SingleSnapshot_GivesEmptySeriesOfItsMeter()
    {
        var series = DsmrTelegrams.ToSeries([new RegisterSnapshot("M", 0, 10, 1)]).Value;

        Assert.Equal(new ImportedSeries("M", []), series);
    }

    [Theory]
    [InlineData(100, 1, 99, 1, ImportErrors.DsmrRegisterDecreased)]
    [InlineData(100, 5, 100, 4, ImportErrors.DsmrRegisterDecreased)]
    public void ToSeries_RegisterGoesBackwards_GivesRegisterDecreased(long import1, long export1, long import2, long export2, string code)
    {
        RegisterSnapshot[] snapshots = [new("M", 0, import1, export1), new("M", 900, import2, export2)];

        var result = DsmrTelegrams.ToSeries(snapshots);

        Assert.Equal(code, result.Error?.Code);
        Assert.StartsWith("snapshot 2 (1970-01-01T00:15:00Z)", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSeries_MixedMetersDuplicateTimestampOrNothing_AreErrors()
    {
        var mixed = DsmrTelegrams.ToSeries([new RegisterSnapshot("A", 0, 0, 0), new RegisterSnapshot("B", 900, 0, 0)]);
        var duplicate = DsmrTelegrams.ToSeries([new RegisterSnapshot("A", 0, 0, 0), new RegisterSnapshot("A", 0, 0, 0)]);
        var empty = DsmrTelegrams.ToSeries([]);
        var outOfRange = DsmrTelegrams.ToSeries([new RegisterSnapshot("A", long.MinValue, 0, 0), new RegisterSnapshot("A", long.MaxValue, 0, 0)]);

        Assert.Equal(ImportErrors.DsmrMixedMeters, mixed.Error?.Code);
        Assert.Equal(ImportErrors.DsmrDuplicateTimestamp, duplicate.Error?.Code);
        Assert.Equal(ImportErrors.DsmrNoSnapshots, empty.Error?.Code);
        Assert.Equal(ImportErrors.DsmrBadTimestamp, outOfRange.Error?.Code);
        Assert.StartsWith("snapshot 1:", outOfRange.Error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(1)]
    public void ToSeries_SnapshotWithoutTimestamp_GivesMissingTimestampNamingIt(int untimed)
    {
        RegisterSnapshot[] snapshots = [new("M", 0, 10, 1), new("M", 900, 20, 2)];
        snapshots[untimed - 1] = snapshots[untimed - 1] with { TimestampUnixSeconds = null };

        var result = DsmrTelegrams.ToSeries(snapshots);

        Assert.Equal(ImportErrors.DsmrMissingTimestamp, result.Error?.Code);
        Assert.StartsWith($"snapshot {untimed}: the snapshot of meter 'M' has no timestamp", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSeries_SingleSnapshotWithoutTimestamp_GivesMissingTimestamp()
    {
        var result = DsmrTelegrams.ToSeries([new RegisterSnapshot("M", null, 10, 1)]);

        Assert.Equal(ImportErrors.DsmrMissingTimestamp, result.Error?.Code);
        Assert.StartsWith("snapshot 1:", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToSeries_TwoEasyMeterTelegrams_GiveTheDifferenceOfTheFlooredTotals()
    {
        var first = SampleFiles.Read("dsmr_p1", SampleFiles.EasyMeter);
        var second = first
            .Replace("1-0:1.8.0*255(00052185.7825309*kWh)", "1-0:1.8.0*255(00052185.7835308*kWh)", StringComparison.Ordinal)
            .Replace("1-0:2.8.0*255(00019949.3221493*kWh)", "1-0:2.8.0*255(00019949.3221500*kWh)", StringComparison.Ordinal);

        var series = DsmrTelegrams.ToSeries(
        [
            DsmrTelegrams.ParseTelegram(first, 1_735_686_000, skipTextOutsideTelegram: true, out _).Value,
            DsmrTelegrams.ParseTelegram(second, 1_735_686_060, skipTextOutsideTelegram: true, out _).Value,
        ]).Value;

        // Import: 52 185 783 530.8 − 52 185 782 530.9 = 999.9 mWh exactly; floors 52 185 783 530 − 52 185 782 530 = 1 000.
        // Export: 19 949 322 150.0 − 19 949 322 149.3 = 0.7 mWh exactly; floors 19 949 322 150 − 19 949 322 149 = 1.
        Assert.Equal(new ImportedSeries("1ESY1313002565", [new ImportedInterval(1_735_686_000, 60, 1_000, 1)]), series);
    }

    [Fact]
    public void ToSeries_SubMilliwattHourTotals_TelescopeToTheFlooredEnds()
    {
        // Totals in mWh: import 1.999, 2.000, 3.500, 5.001, 5.999; export 0, 0.999, 1.000, 1.000, 2.999.
        long[] imports = [1_999, 2_000, 3_500, 5_001, 5_999];
        long[] exports = [0, 999, 1_000, 1_000, 2_999];
        var snapshots = imports.Select((import, i) => new RegisterSnapshot("M", i * 900L, import, exports[i])).Reverse().ToArray();

        var series = DsmrTelegrams.ToSeries(snapshots).Value;

        Assert.Equal([1L, 1L, 2L, 0L], series.Intervals.Select(i => i.ImportMilliwattHours));
        Assert.Equal([0L, 1L, 0L, 1L], series.Intervals.Select(i => i.ExportMilliwattHours));
        Assert.Equal(5 - 1, series.Intervals.Sum(i => i.ImportMilliwattHours));
        Assert.Equal(2 - 0, series.Intervals.Sum(i => i.ExportMilliwattHours));
        for (var i = 0; i < series.Intervals.Length; i++)
        {
            Assert.InRange((series.Intervals[i].ImportMilliwattHours * 1000) - (imports[i + 1] - imports[i]), -999, 999);
            Assert.InRange((series.Intervals[i].ExportMilliwattHours * 1000) - (exports[i + 1] - exports[i]), -999, 999);
        }
    }

    [Fact]
    public void ParseMany_Leniently_SkipsTextAroundTelegramsWithOneWarningPerRun()
    {
        var second = Minimal.Replace("250601120000S", "250601121500S", StringComparison.Ordinal).Replace("1.0*kWh", "1.5*kWh", StringComparison.Ordinal);
        var text = "1-0:1.8.1(9.0*kWh)\r\n!ABCD\r\n" + Minimal + "noise\r\n\r\nmore noise\r\n" + second + "tail\r\n";

        var snapshots = DsmrTelegrams.ParseMany(text, skipTextOutsideTelegrams: true, out var warnings).Value;
        var strict = DsmrTelegrams.ParseMany(text, skipTextOutsideTelegrams: false, out var strictWarnings);

        Assert.Equal([1_748_772_000L, 1_748_772_900L], snapshots.Select(s => s.TimestampUnixSeconds));
        Assert.Equal([1_000_000_000L, 1_500_000_000L], snapshots.Select(s => s.ImportTotalMicrowattHours));
        Assert.Equal([ImportErrors.DsmrTextOutsideTelegram], warnings.Select(w => w.Code).Distinct());
        Assert.Equal(["line 1:", "line 8:", "line 16:"], warnings.Select(w => w.Message[..(w.Message.IndexOf(':', StringComparison.Ordinal) + 1)]));
        Assert.EndsWith("it and 1 more non-blank line(s), through line 2, were skipped.", warnings[0].Message, StringComparison.Ordinal);
        Assert.EndsWith("it and 1 more non-blank line(s), through line 10, were skipped.", warnings[1].Message, StringComparison.Ordinal);
        Assert.EndsWith("it was skipped.", warnings[2].Message, StringComparison.Ordinal);
        Assert.Equal(ImportErrors.DsmrTextOutsideTelegram, strict.Error?.Code);
        Assert.StartsWith("line 1:", strict.Error!.Message, StringComparison.Ordinal);
        Assert.Empty(strictWarnings);
    }

    [Fact]
    public void ParseTelegram_Leniently_StillRejectsASecondTelegramAndBrokenTelegrams()
    {
        var twice = DsmrTelegrams.ParseTelegram(Minimal + "x\r\n" + Minimal, null, skipTextOutsideTelegram: true, out var twiceWarnings);
        var corrupt = DsmrTelegrams.ParseTelegram("x\r\n/X\r\n0-0:96.1.1(AB)\r\n1-0:1.8.1(1.0*kW)\r\n!\r\n", null, skipTextOutsideTelegram: true, out var corruptWarnings);
        var none = DsmrTelegrams.ParseTelegram("garbage\r\n", null, skipTextOutsideTelegram: true, out var noneWarnings);

        Assert.Equal(ImportErrors.DsmrTextOutsideTelegram, twice.Error?.Code);
        Assert.StartsWith("line 7: a second telegram", twice.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(ImportErrors.DsmrBadUnit, corrupt.Error?.Code);
        Assert.Equal(ImportErrors.DsmrMissingHeader, none.Error?.Code);
        Assert.Empty(twiceWarnings);
        Assert.Empty(corruptWarnings);
        Assert.Empty(noneWarnings);
    }

    /// <summary>Header on line 1, a blank line 2, so data line i is on line i + 3.</summary>
    internal static string Telegram(params string[] lines) => "/TEST5\r\n\r\n" + string.Join("\r\n", lines) + "\r\n!\r\n";

    private static string[] ValidLines() =>
    [
        "1-3:0.2.8(50)",
        "0-0:1.0.0(250601120000S)",
        "0-0:96.1.1(4B414C)",
        "1-0:1.8.1(000001.000*kWh)",
        "1-0:1.8.2(000002.500*kWh)",
        "1-0:2.8.1(000000.250*kWh)",
        "1-0:2.8.2(000000.000*kWh)",
        "0-1:24.2.1(250601120000S)(00981.443*m3)",
    ];

    /// <summary>The kWh register after <paramref name="prefix"/> in µWh, by integer arithmetic on its digits.</summary>
    private static long KilowattHoursTextInMicrowattHours(string text, string prefix)
    {
        var start = text.IndexOf(prefix, StringComparison.Ordinal) + prefix.Length;
        var value = text[start..text.IndexOf("*kWh)", start, StringComparison.Ordinal)].Split('.');
        return (long.Parse(value[0], CultureInfo.InvariantCulture) * 1_000_000_000) + long.Parse(value[1].PadRight(9, '0'), CultureInfo.InvariantCulture);
    }

    private static ushort Crc16Arc(ReadOnlySpan<byte> bytes)
    {
        ushort crc = 0;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++)
            {
                crc = (ushort)((crc & 1) == 1 ? (crc >> 1) ^ 0xA001 : crc >> 1);
            }
        }

        return crc;
    }
}
