using System.Globalization;
using Flecs.Simulation.Assets;

namespace Flecs.Simulation.Tests.Assets;

/// <summary>Readers for the validation files in Assets/Data (see the README there for sources).</summary>
internal static class ReferenceData
{
    /// <summary>
    /// The NSRDB file's site. Despite its name ("golden_CO"), pvlib's tests/iotools/test_psm4.py, which
    /// fetched it, declares <c>LATITUDE, LONGITUDE = 40.5137, -108.5449</c> (north-western Colorado);
    /// its 769 hPa surface pressure puts it at ≈ 2 260 m.
    /// </summary>
    public static readonly Location NsrdbSite = new(40.5137, -108.5449);

    /// <summary>The NSRDB site's altitude (m), from its surface pressure.</summary>
    public const double NsrdbAltitudeM = 2260;

    /// <summary>The PVWatts run's site (Denver W Pkwy, from the file header).</summary>
    public static readonly Location Denver = new(39.73, -105.18);

    public static string PathOf(string fileName) => Path.Combine(AppContext.BaseDirectory, "Assets", "Data", fileName);

    public static IReadOnlyList<NsrdbRow> Nsrdb()
    {
        var lines = File.ReadAllLines(PathOf("nsrdb_psm4_2023_5min_golden_CO.csv"));
        var header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        var zenith = Col("Solar Zenith Angle");
        var ghi = Col("GHI");
        var clearGhi = Col("Clearsky GHI");
        var clearDni = Col("Clearsky DNI");
        var temperature = Col("Temperature");
        var rows = new List<NsrdbRow>();
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            var time = DateTimeOffset.ParseExact(f[0], "yyyy-MM-dd HH:mm:sszzz", CultureInfo.InvariantCulture);
            rows.Add(new NsrdbRow(
                time,
                double.Parse(f[zenith], CultureInfo.InvariantCulture),
                double.Parse(f[ghi], CultureInfo.InvariantCulture),
                double.Parse(f[clearGhi], CultureInfo.InvariantCulture),
                double.Parse(f[clearDni], CultureInfo.InvariantCulture),
                double.Parse(f[temperature], CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    /// <summary>The 8 760 hourly rows of the PVWatts run (hours in local standard time, UTC−7).</summary>
    public static IReadOnlyList<PvWattsRow> PvWatts()
    {
        var rows = new List<PvWattsRow>();
        foreach (var line in File.ReadAllLines(PathOf("pvwatts_8760_rackmount_denver_4kW_hourly.csv")).Skip(18))
        {
            var f = line.Split(',');
            if (!int.TryParse(f[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var month))
            {
                continue;
            }

            double D(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            rows.Add(new PvWattsRow(month, (int)D(1), (int)D(2), D(3), D(4), D(5), D(7), D(10)));
        }

        return rows;
    }
}

internal sealed record NsrdbRow(DateTimeOffset Time, double Zenith, double Ghi, double ClearSkyGhi, double ClearSkyDni, double TemperatureC);

internal sealed record PvWattsRow(int Month, int Day, int Hour, double Beam, double Diffuse, double AmbientC, double Poa, double AcW);
