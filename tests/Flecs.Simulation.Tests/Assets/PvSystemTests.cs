using Flecs.Simulation.Assets;

namespace Flecs.Simulation.Tests.Assets;

public sealed class PvSystemTests
{
    private const double PvWattsAnnualKwh = 6023.67;

    private static readonly PvOptions PvWattsSystem = new()
    {
        Kwp = 4,
        Tilt = 20,
        Azimuth = 180,
        SystemLosses = 0.1408,
        InverterEfficiency = 0.96,
        DcAcRatio = 1.2,
        TemperatureCoefficient = -0.0047, // PVWatts v5 "standard" module
    };

    [Fact]
    public void Generate_DrivenByPvWattsIrradiance_AnnualWithin5PercentAndHourlyShapeMatches()
    {
        var rows = ReferenceData.PvWatts();
        Assert.Equal(8760, rows.Count);
        var pv = new PvSystem(PvWattsSystem, ReferenceData.Denver);
        var model = new double[8760];
        var watts = new double[24];
        for (var k = 0; k < 365; k++)
        {
            var day = new WeatherDay(new DateOnly(2019, 1, 1).AddDays(k), 60, ReferenceData.Denver);
            for (var h = 0; h < 24; h++)
            {
                // The file's hours are local standard time (UTC−7): UTC hour h is file row h − 7.
                var row = rows[(((k * 24) + h - 7) % 8760 + 8760) % 8760];
                var cosZ = Math.Max(Math.Cos(day.Zenith[h] * Math.PI / 180.0), 0.0);
                day.Dni[h] = row.Beam;
                day.Dhi[h] = row.Diffuse;
                day.Ghi[h] = (row.Beam * cosZ) + row.Diffuse;
                day.TemperatureC[h] = row.AmbientC;
            }

            pv.Generate(day, watts);
            for (var h = 0; h < 24; h++)
            {
                model[(((k * 24) + h - 7) % 8760 + 8760) % 8760] = watts[h];
            }
        }

        var annualKwh = model.Sum() / 1000.0;
        var hourly = Correlation(model, [.. rows.Select(r => r.AcW)]);
        var monthly = Correlation(MonthlyKwh(rows, model), MonthlyKwh(rows, [.. rows.Select(r => r.AcW)]));
        TestContext.Current.TestOutputHelper?.WriteLine($"annual {annualKwh:F0} kWh vs {PvWattsAnnualKwh:F0}; hourly r = {hourly:F4}; monthly r = {monthly:F4}");

        Assert.InRange(annualKwh / PvWattsAnnualKwh, 0.95, 1.05);
        Assert.True(hourly > 0.97, $"hourly correlation {hourly:F4}");
        Assert.True(monthly > 0.95, $"monthly correlation {monthly:F4}");
        Assert.True(model.Max() <= pv.AcLimitW + 1e-9);
    }

    [Fact]
    public void Generate_DenverSyntheticWeather_AnnualWithin15PercentOfPvWatts()
    {
        var rows = ReferenceData.PvWatts();
        var weather = new Weather(ReferenceData.Denver, DenverClimate, seed: 7);
        var pv = new PvSystem(PvWattsSystem, ReferenceData.Denver);
        var watts = new double[24];
        var monthlyModel = new double[12];
        for (var date = new DateOnly(2019, 1, 1); date.Year == 2019; date = date.AddDays(1))
        {
            pv.Generate(weather.Day(date, 60), watts);
            monthlyModel[date.Month - 1] += watts.Sum() / 1000.0;
        }

        var monthlyFile = MonthlyKwh(rows, [.. rows.Select(r => r.AcW)]);
        var annual = monthlyModel.Sum();
        var r = Correlation(monthlyModel, monthlyFile);
        TestContext.Current.TestOutputHelper?.WriteLine($"synthetic annual {annual:F0} kWh vs {PvWattsAnnualKwh:F0}; monthly r = {r:F3}");
        TestContext.Current.TestOutputHelper?.WriteLine("model  " + string.Join(' ', monthlyModel.Select(v => v.ToString("F0", System.Globalization.CultureInfo.InvariantCulture))));
        TestContext.Current.TestOutputHelper?.WriteLine("pvwatts " + string.Join(' ', monthlyFile.Select(v => v.ToString("F0", System.Globalization.CultureInfo.InvariantCulture))));

        Assert.InRange(annual / PvWattsAnnualKwh, 0.85, 1.15);
        Assert.True(r > 0.6, $"monthly correlation {r:F3}");
    }

    [Fact]
    public void Generate_GermanDefaults_SpecificYieldIsTypicalForGermany()
    {
        // A south-facing 30° system in central Germany yields ≈ 900–1 100 kWh/kWp a year.
        var site = new Location(51.0, 10.0);
        var weather = new Weather(site, new WeatherOptions(), seed: 42);
        var pv = new PvSystem(new PvOptions(), site);
        var watts = new double[96];
        var kwh = 0.0;
        for (var date = new DateOnly(2023, 1, 1); date.Year == 2023; date = date.AddDays(1))
        {
            pv.Generate(weather.Day(date, 15), watts);
            kwh += watts.Sum() / 4000.0;
        }

        var specific = kwh / pv.Options.Kwp;
        TestContext.Current.TestOutputHelper?.WriteLine($"specific yield {specific:F0} kWh/kWp");
        Assert.InRange(specific, 850, 1150);
    }

    [Fact]
    public void Generate_Night_IsZero()
    {
        var site = new Location(51.0, 10.0);
        var day = new Weather(site, new WeatherOptions(), 1).Day(new DateOnly(2024, 6, 21), 1);
        var watts = new double[1440];
        new PvSystem(new PvOptions(), site).Generate(day, watts);
        Assert.Equal(0.0, watts[60]); // 01:00 UTC
        Assert.Equal(0.0, watts[1380]); // 23:00 UTC
        Assert.True(watts[660] > 0); // 11:00 UTC
    }

    internal static WeatherOptions DenverClimate => new()
    {
        MeanClearSkyIndex = 0.8,
        SeasonalClearSkyIndexAmplitude = 0.0,
        LinkeTurbidity = 2.5,
        AltitudeM = 1800,
        AnnualMeanTemperatureC = 10.4,
        SeasonalAmplitudeC = 11.5,
        DiurnalAmplitudeC = 7.5,
    };

    private static double[] MonthlyKwh(IReadOnlyList<PvWattsRow> rows, double[] watts)
    {
        var monthly = new double[12];
        for (var i = 0; i < rows.Count; i++)
        {
            monthly[rows[i].Month - 1] += watts[i] / 1000.0;
        }

        return monthly;
    }

    private static double Correlation(double[] a, double[] b)
    {
        var ma = a.Average();
        var mb = b.Average();
        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }

        return sab / Math.Sqrt(saa * sbb);
    }
}
