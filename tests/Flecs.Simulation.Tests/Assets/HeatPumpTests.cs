using Flecs.Simulation.Assets;

namespace Flecs.Simulation.Tests.Assets;

public sealed class HeatPumpTests
{
    private static readonly Location Site = new(51.0, 10.0);

    [Fact]
    public void Generate_WarmDay_OnlyHotWater()
    {
        var pump = new HeatPump(new HeatPumpOptions { HotWaterShare = 0 }, 1);
        var day = Uniform(20.0);
        var watts = new double[96];
        pump.Generate(day, watts);
        Assert.All(watts, w => Assert.Equal(0.0, w));
    }

    [Fact]
    public void Generate_ColderDay_MoreElectricity()
    {
        var pump = new HeatPump(new HeatPumpOptions(), 1);
        var mild = new double[96];
        var cold = new double[96];
        pump.Generate(Uniform(5.0), mild);
        pump.Generate(Uniform(-10.0), cold);
        Assert.True(cold.Sum() > 2 * mild.Sum());
    }

    [Fact]
    public void Cop_TypicalAirSourceRange()
    {
        var pump = new HeatPump(new HeatPumpOptions(), 1);
        Assert.InRange(pump.Cop(2, 35), 2.5, 3.5); // EN 14511 A2/W35 field-corrected
        Assert.InRange(pump.Cop(-15, 45), 1.5, 2.5);
        Assert.InRange(pump.Cop(10, 30), 3.5, 5.0);
        Assert.True(pump.Cop(-5, 35) < pump.Cop(5, 35));
    }

    [Fact]
    public void Generate_SimulatedYears_DeliverTheAnnualHeatOnAverage()
    {
        var options = new HeatPumpOptions();
        var pump = new HeatPump(options, 3);
        var heatKwh = 0.0;
        var electricKwh = 0.0;
        var watts = new double[24];
        var years = 0;
        foreach (var seed in new ulong[] { 1, 2, 3 })
        {
            var weather = new Weather(Site, new WeatherOptions(), seed);
            for (var date = new DateOnly(2023, 1, 1); date.Year == 2023; date = date.AddDays(1))
            {
                var day = weather.Day(date, 60);
                pump.Generate(day, watts);
                electricKwh += watts.Sum() / 1000.0;
                heatKwh += day.TemperatureC.Sum(t => pump.SpaceHeatW(t)) / 1000.0;
            }

            years++;
        }

        var spacePerYear = heatKwh / years;
        var hotWaterPerYear = options.AnnualHeatKwh * options.HotWaterShare;
        var seasonalCop = (spacePerYear + hotWaterPerYear) * years / electricKwh;
        TestContext.Current.TestOutputHelper?.WriteLine($"space heat {spacePerYear:F0} kWh/a (target {options.AnnualHeatKwh * (1 - options.HotWaterShare):F0}), electricity {electricKwh / years:F0} kWh/a, SCOP ≈ {seasonalCop:F2}");
        Assert.InRange(spacePerYear / (options.AnnualHeatKwh * (1 - options.HotWaterShare)), 0.9, 1.1);
        Assert.InRange(seasonalCop, 2.5, 4.0);
    }

    private static WeatherDay Uniform(double temperature)
    {
        var day = new WeatherDay(new DateOnly(2023, 1, 10), 15, Site);
        Array.Fill(day.TemperatureC, temperature);
        return day;
    }
}
