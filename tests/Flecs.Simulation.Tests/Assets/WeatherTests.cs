using Flecs.Simulation.Assets;

namespace Flecs.Simulation.Tests.Assets;

public sealed class WeatherTests
{
    private static readonly Location Kassel = new(51.3, 9.5);

    [Fact]
    public void Day_SameSeedAndDate_SameValuesWhateverWasGeneratedBefore()
    {
        var date = new DateOnly(2022, 7, 14);
        var first = new Weather(Kassel, new WeatherOptions(), 99);
        var fresh = first.Day(date, 1);

        var second = new Weather(Kassel, new WeatherOptions(), 99);
        for (var d = new DateOnly(2022, 7, 1); d < date; d = d.AddDays(1))
        {
            _ = second.Day(d, 1);
        }

        var afterOthers = second.Day(date, 1);
        Assert.Equal(fresh.Ghi, afterOthers.Ghi);
        Assert.Equal(fresh.Dni, afterOthers.Dni);
        Assert.Equal(fresh.TemperatureC, afterOthers.TemperatureC);
    }

    [Fact]
    public void Day_DifferentSeeds_DifferentWeather()
    {
        var date = new DateOnly(2022, 7, 14);
        var a = new Weather(Kassel, new WeatherOptions(), 1).Day(date, 15);
        var b = new Weather(Kassel, new WeatherOptions(), 2).Day(date, 15);
        Assert.NotEqual(a.Ghi, b.Ghi);
    }

    [Fact]
    public void Day_FifteenMinuteIntervals_AreMeansOfTheMinuteValues()
    {
        var weather = new Weather(Kassel, new WeatherOptions(), 5);
        var date = new DateOnly(2023, 5, 3);
        var minutes = weather.Day(date, 1);
        var quarters = weather.Day(date, 15);
        for (var q = 0; q < 96; q++)
        {
            Assert.Equal(minutes.Ghi.Skip(q * 15).Take(15).Average(), quarters.Ghi[q], 6);
            Assert.Equal(minutes.Dhi.Skip(q * 15).Take(15).Average(), quarters.Dhi[q], 6);
        }
    }

    [Fact]
    public void Day_Irradiance_IsConsistentAndNeverNegative()
    {
        var weather = new Weather(Kassel, new WeatherOptions(), 3);
        for (var date = new DateOnly(2023, 1, 1); date.Year == 2023; date = date.AddDays(7))
        {
            var day = weather.Day(date, 1);
            for (var i = 0; i < day.Count; i++)
            {
                Assert.True(day.Ghi[i] >= 0 && day.Dni[i] >= 0 && day.Dhi[i] >= 0);
                Assert.True(day.Ghi[i] <= (1.3 * day.ClearSkyGhi[i]) + 1e-9);
                if (day.Zenith[i] > 91)
                {
                    Assert.Equal(0.0, day.Ghi[i]);
                }
            }
        }
    }

    [Fact]
    public void Day_GermanDefaults_AnnualClimateMatchesGermany()
    {
        // DWD 1991–2020: annual mean ≈ 9.3 °C, Jan ≈ 0.9 °C, Jul ≈ 18.3 °C; GHI ≈ 1 050–1 200 kWh/m².
        var weather = new Weather(Kassel, new WeatherOptions(), 11);
        var temperatures = new List<double>();
        var january = new List<double>();
        var july = new List<double>();
        var ghiKwh = 0.0;
        var clearKwh = 0.0;
        for (var date = new DateOnly(2023, 1, 1); date.Year == 2023; date = date.AddDays(1))
        {
            var day = weather.Day(date, 60);
            temperatures.AddRange(day.TemperatureC);
            (date.Month == 1 ? january : date.Month == 7 ? july : []).AddRange(day.TemperatureC);
            ghiKwh += day.Ghi.Sum() / 1000.0;
            clearKwh += day.ClearSkyGhi.Sum() / 1000.0;
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"mean {temperatures.Average():F1} °C, Jan {january.Average():F1}, Jul {july.Average():F1}, GHI {ghiKwh:F0} kWh/m² (clear sky {clearKwh:F0})");
        Assert.InRange(temperatures.Average(), 8.0, 11.0);
        Assert.InRange(january.Average(), -4.0, 4.5);
        Assert.InRange(july.Average(), 15.0, 22.0);
        Assert.InRange(ghiKwh, 950, 1250);
    }

    [Fact]
    public void Day_MixedDays_HaveMinuteScaleCloudPassages()
    {
        // Over a summer, some days must show the sun coming and going within minutes.
        var weather = new Weather(Kassel, new WeatherOptions(), 21);
        var largestJump = 0.0;
        for (var date = new DateOnly(2023, 6, 1); date.Month == 6; date = date.AddDays(1))
        {
            var day = weather.Day(date, 1);
            for (var i = 1; i < day.Count; i++)
            {
                if (day.ClearSkyGhi[i] > 500)
                {
                    largestJump = Math.Max(largestJump, Math.Abs(day.Ghi[i] - day.Ghi[i - 1]) / day.ClearSkyGhi[i]);
                }
            }
        }

        Assert.True(largestJump > 0.4, $"largest minute-to-minute change {largestJump:F2} of clear sky");
    }

    [Fact]
    public void Day_TemperatureAtMidnight_JoinsTheNextDay()
    {
        var weather = new Weather(Kassel, new WeatherOptions(), 8);
        var a = weather.Day(new DateOnly(2023, 3, 1), 1);
        var b = weather.Day(new DateOnly(2023, 3, 2), 1);
        Assert.True(Math.Abs(a.TemperatureC[1439] - b.TemperatureC[0]) < 0.1);
    }
}
