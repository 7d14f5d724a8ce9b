namespace Flecs.Import.Tests;

/// <summary>Reads the byte-exact sample files copied next to the test assembly (see Samples/README.md).</summary>
internal static class SampleFiles
{
    public const string GreenButtonHourly = "TestGBDataHourlyNineDaysBinnedDaily.xml";
    public const string GreenButtonDaily = "TestGBDataOneYearDailyBinnedMonthly.xml";
    public const string Mscons = "MSCONS_TL_SAMPLE01.txt";
    public const string Dsmr42 = "dsmr42_nl_telegram.txt";
    public const string Fluvius = "fluvius_be_v171_telegram.txt";
    public const string EasyMeter = "easymeter_de_sml_ascii_telegram.txt";

    public static string Read(string folder, string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Samples", folder, name));

    public static byte[] ReadBytes(string folder, string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", folder, name));

    /// <summary>The 1-based line of the first occurrence of <paramref name="marker"/>.</summary>
    public static int LineOf(string text, string marker)
    {
        var index = text.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{marker}' not found");
        return text.AsSpan(0, index).Count('\n') + 1;
    }
}
