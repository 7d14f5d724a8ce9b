namespace Flecs.Import.Tests;

public sealed class MeterImportTests
{
    [Theory]
    [InlineData("greenbutton", SampleFiles.GreenButtonHourly, ImportFormat.GreenButton)]
    [InlineData("greenbutton", SampleFiles.GreenButtonDaily, ImportFormat.GreenButton)]
    [InlineData("mscons", SampleFiles.Mscons, ImportFormat.Mscons)]
    [InlineData("dsmr_p1", SampleFiles.Dsmr42, ImportFormat.DsmrP1)]
    [InlineData("dsmr_p1", SampleFiles.Fluvius, ImportFormat.DsmrP1)]
    [InlineData("dsmr_p1", SampleFiles.EasyMeter, ImportFormat.DsmrP1)]
    public void Detect_SampleFile_RecognisesItsFormatFromContent(string folder, string file, ImportFormat expected)
    {
        var text = SampleFiles.Read(folder, file);

        var format = MeterImport.Detect("upload.bin", text);

        Assert.Equal(expected, format);
    }

    [Theory]
    [InlineData("readings.txt", "\uFEFF\"Meter\",start,minutes,import_kwh,export_kwh\r\n", ImportFormat.Csv)]
    [InlineData("READINGS.CSV", "", ImportFormat.Csv)]
    [InlineData("dir/feed.xml", "<feed/>", ImportFormat.GreenButton)]
    [InlineData("x.edi", "", ImportFormat.Mscons)]
    [InlineData("notes.txt", "hello", null)]
    public void Detect_ContentOrExtension_GivesFormatOrNull(string fileName, string text, ImportFormat? expected)
    {
        var format = MeterImport.Detect(fileName, text);

        Assert.Equal(expected, format);
    }

    [Fact]
    public void Parse_DsmrTelegramsOfTwoMeters_GivesOneSeriesPerMeter()
    {
        var dsmr42 = SampleFiles.Read("dsmr_p1", SampleFiles.Dsmr42);
        var later = dsmr42
            .Replace("0-0:1.0.0(161113205757W)", "0-0:1.0.0(161113210757W)", StringComparison.Ordinal)
            .Replace("1-0:1.8.1(001581.123*kWh)", "1-0:1.8.1(001581.200*kWh)", StringComparison.Ordinal)
            .Replace("!6796", "!", StringComparison.Ordinal);
        var text = later + SampleFiles.Read("dsmr_p1", SampleFiles.Fluvius) + dsmr42;

        var series = MeterImport.Parse(ImportFormat.DsmrP1, text).Value;

        Assert.Equal(["3153414733313031303231363035", "3960221976967177082151037881335713"], series.Select(s => s.MeterId));
        Assert.Empty(series[0].Intervals);
        Assert.Equal(new ImportedInterval(1_479_067_077, 600, 77_000, 0), Assert.Single(series[1].Intervals));
    }

    [Fact]
    public void Parse_EachFormat_DelegatesToItsParser()
    {
        var xml = SampleFiles.Read("greenbutton", SampleFiles.GreenButtonDaily);
        var mscons = MsconsReadingsTests.Repaired();
        const string Csv = "meter,start,minutes,import_kwh,export_kwh\nM1,2025-06-01T00:00Z,15,1,\n";

        Assert.Equal(GreenButtonReadings.Parse(xml).Value, MeterImport.Parse(ImportFormat.GreenButton, xml).Value);
        Assert.Equal(MsconsReadings.Parse(mscons).Value, MeterImport.Parse(ImportFormat.Mscons, mscons).Value);
        Assert.Equal(CsvReadings.Parse(Csv).Value, MeterImport.Parse(ImportFormat.Csv, Csv).Value);
        Assert.Equal(ImportErrors.UnsupportedFormat, MeterImport.Parse((ImportFormat)99, Csv).Error?.Code);
    }

    [Theory]
    [InlineData("greenbutton", SampleFiles.GreenButtonHourly)]
    [InlineData("greenbutton", SampleFiles.GreenButtonDaily)]
    [InlineData("mscons", SampleFiles.Mscons)]
    [InlineData("dsmr_p1", SampleFiles.Dsmr42)]
    [InlineData("dsmr_p1", SampleFiles.Fluvius)]
    [InlineData("dsmr_p1", SampleFiles.EasyMeter)]
    public void EverySample_ParsesLeniently(string folder, string file)
    {
        var text = SampleFiles.Read(folder, file);
        var format = MeterImport.Detect(file, text)!.Value;

        var parsed = format == ImportFormat.DsmrP1
            ? DsmrTelegrams.ParseMany(text, skipTextOutsideTelegrams: true, out _).IsSuccess
            : MeterImport.Parse(format, text, lenient: true, out _).IsSuccess;

        Assert.True(parsed);
    }

    [Fact]
    public void Parse_LenientMscons_SkipsLikeTheLenientMsconsParse()
    {
        var text = SampleFiles.Read("mscons", SampleFiles.Mscons);

        var lenient = MeterImport.Parse(ImportFormat.Mscons, text, lenient: true, out var warnings);
        var strict = MeterImport.Parse(ImportFormat.Mscons, text, lenient: false, out var strictWarnings);

        Assert.Equal(MsconsReadings.Parse(text, skipInvalidGroups: true, out var expectedWarnings).Value, lenient.Value);
        Assert.Equal(expectedWarnings, warnings);
        Assert.Equal(4, warnings.Length);
        Assert.Equal(ImportErrors.MsconsBadPeriod, strict.Error?.Code);
        Assert.Equal(ImportErrors.MsconsBadPeriod, MeterImport.Parse(ImportFormat.Mscons, text).Error?.Code);
        Assert.Empty(strictWarnings);
    }

    [Fact]
    public void Parse_LenientCsvAndGreenButton_AreStrictWithoutWarnings()
    {
        var xml = SampleFiles.Read("greenbutton", SampleFiles.GreenButtonDaily);
        const string Csv = "meter,start,minutes,import_kwh,export_kwh\nM1,2025-06-01T00:00Z,15,1,\nM1,2025-06-01T00:05Z,15,1,\n";

        var greenButton = MeterImport.Parse(ImportFormat.GreenButton, xml, lenient: true, out var greenButtonWarnings);
        var csv = MeterImport.Parse(ImportFormat.Csv, Csv, lenient: true, out var csvWarnings);

        Assert.Equal(GreenButtonReadings.Parse(xml).Value, greenButton.Value);
        Assert.Empty(greenButtonWarnings);
        Assert.Equal(ImportErrors.CsvOverlap, csv.Error?.Code);
        Assert.Empty(csvWarnings);
    }

    [Fact]
    public void Parse_EasyMeterSample_NeedsATimestampForASeries()
    {
        var text = SampleFiles.Read("dsmr_p1", SampleFiles.EasyMeter);

        var lenient = MeterImport.Parse(ImportFormat.DsmrP1, text, lenient: true, out var warnings);
        var strict = MeterImport.Parse(ImportFormat.DsmrP1, text);

        Assert.Equal(ImportErrors.DsmrMissingTimestamp, lenient.Error?.Code);
        Assert.StartsWith("snapshot 1: the snapshot of meter '1ESY1313002565' has no timestamp", lenient.Error!.Message, StringComparison.Ordinal);
        Assert.Empty(warnings);
        Assert.Equal(ImportErrors.DsmrTextOutsideTelegram, strict.Error?.Code);
        Assert.StartsWith("line 13:", strict.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LenientDsmr_SkipsTextBetweenTelegramsWithWarnings()
    {
        var dsmr42 = SampleFiles.Read("dsmr_p1", SampleFiles.Dsmr42);
        var later = dsmr42
            .Replace("0-0:1.0.0(161113205757W)", "0-0:1.0.0(161113210757W)", StringComparison.Ordinal)
            .Replace("1-0:1.8.1(001581.123*kWh)", "1-0:1.8.1(001581.200*kWh)", StringComparison.Ordinal)
            .Replace("!6796", "!", StringComparison.Ordinal);

        var series = MeterImport.Parse(ImportFormat.DsmrP1, dsmr42 + "  25803103\r\n" + later, lenient: true, out var warnings).Value;

        Assert.Equal(new ImportedInterval(1_479_067_077, 600, 77_000, 0), Assert.Single(Assert.Single(series).Intervals));
        var warning = Assert.Single(warnings);
        Assert.Equal(ImportErrors.DsmrTextOutsideTelegram, warning.Code);
        Assert.StartsWith($"line {SampleFiles.LineOf(dsmr42, "!6796") + 1}: '  25803103'", warning.Message, StringComparison.Ordinal);
    }
}
