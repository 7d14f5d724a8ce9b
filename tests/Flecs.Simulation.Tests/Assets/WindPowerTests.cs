using Flecs.Simulation.Assets;

namespace Flecs.Simulation.Tests.Assets;

public sealed class WindPowerTests
{
    [Fact]
    public void CapacityFactors_Year_MeanTypicalOfGermanOnshore()
    {
        var options = new WindOptions();
        var factors = new double[96];
        var sum = 0.0;
        var n = 0;
        for (var date = new DateOnly(2023, 1, 1); date.Year == 2023; date = date.AddDays(1))
        {
            WindPower.CapacityFactors(options, 12, date, 15, factors);
            Assert.All(factors, f => Assert.InRange(f, 0.0, 1.0));
            sum += factors.Sum();
            n += 96;
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"capacity factor {sum / n:F3}");
        Assert.InRange(sum / n, 0.15, 0.35);
    }

    [Fact]
    public void CapacityFactors_Deterministic_AndContinuousAcrossMidnight()
    {
        var options = new WindOptions();
        var a = new double[1440];
        var b = new double[1440];
        WindPower.CapacityFactors(options, 3, new DateOnly(2023, 2, 1), 1, a);
        WindPower.CapacityFactors(options, 3, new DateOnly(2023, 2, 2), 1, b);
        var again = new double[1440];
        WindPower.CapacityFactors(options, 3, new DateOnly(2023, 2, 1), 1, again);
        Assert.Equal(a, again);
        Assert.True(Math.Abs(a[1439] - b[0]) < 0.05);
    }

    [Fact]
    public void PowerCurve_CutInRatedCutOut()
    {
        var options = new WindOptions();
        Assert.Equal(0, WindPower.PowerCurve(options, 2.9));
        Assert.Equal(1, WindPower.PowerCurve(options, 13));
        Assert.Equal(0, WindPower.PowerCurve(options, 26));
        Assert.InRange(WindPower.PowerCurve(options, 8), 0.2, 0.4);
    }
}
