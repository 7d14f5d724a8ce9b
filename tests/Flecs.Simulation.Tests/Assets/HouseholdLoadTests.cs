using Flecs.Simulation.Assets;

namespace Flecs.Simulation.Tests.Assets;

public sealed class HouseholdLoadTests
{
    [Theory]
    [InlineData("H0", 3500.0, 1UL)]
    [InlineData("H25", 2500.0, 2UL)]
    public void Generate_FullYearWithNoise_AnnualWithinFivePercent(string profile, double annualKwh, ulong seed)
    {
        var load = new HouseholdLoad(profile, annualKwh, 0.35, seed);
        var watts = new double[1440];
        var kwh = 0.0;
        for (var date = new DateOnly(2023, 1, 1); date.Year == 2023; date = date.AddDays(1))
        {
            load.Generate(date, 1, watts);
            kwh += watts.Sum() / 60_000.0;
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{profile}: {kwh:F0} kWh of {annualKwh:F0}");
        Assert.InRange(kwh / annualKwh, 0.95, 1.05);
    }

    [Fact]
    public void Generate_SameSeedAndDate_SameValuesInAnyOrder()
    {
        var date = new DateOnly(2023, 11, 5);
        var a = new double[1440];
        var b = new double[1440];
        new HouseholdLoad("H0", 3000, 0.35, 17).Generate(date, 1, a);
        var other = new HouseholdLoad("H0", 3000, 0.35, 17);
        other.Generate(date.AddDays(3), 1, b);
        other.Generate(date, 1, b);
        Assert.Equal(a, b);

        new HouseholdLoad("H0", 3000, 0.35, 18).Generate(date, 1, b);
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Generate_FifteenMinutes_AreMeansOfTheMinuteValues()
    {
        var load = new HouseholdLoad("H0", 3000, 0.35, 4);
        var date = new DateOnly(2023, 2, 10);
        var minutes = new double[1440];
        var quarters = new double[96];
        load.Generate(date, 1, minutes);
        load.Generate(date, 15, quarters);
        for (var q = 0; q < 96; q++)
        {
            Assert.Equal(minutes.Skip(q * 15).Take(15).Average(), quarters[q], 9);
        }
    }

    [Fact]
    public void Generate_MinuteValues_LookLikeAHousehold()
    {
        // 3 500 kWh/a ≈ 400 W mean; minute flows mostly 2–50 Wh, with kW spikes from appliances.
        var load = new HouseholdLoad("H0", 3500, 0.35, 9);
        var watts = new double[1440];
        load.Generate(new DateOnly(2023, 1, 16), 1, watts);
        Assert.All(watts, w => Assert.True(w > 0));
        Assert.True(watts.Max() > 1000, $"max {watts.Max():F0} W");
        var median = watts.Order().ElementAt(720);
        Assert.InRange(median, 100, 800);
    }

    [Fact]
    public void ProfileWatts_SummerTime_ShiftsTheProfileByTwoHours()
    {
        // In CEST, 10:00 UTC is 12:00 local: the UTC quarter-hour 40 reads the local quarter-hour 48.
        var load = new HouseholdLoad("H0", 1000, 0, 1);
        Span<double> quarter = stackalloc double[96];
        var date = new DateOnly(2023, 7, 5);
        load.ProfileWatts(date, quarter);
        Assert.Equal(LoadProfile.Get("H0").Watts(date, 48, 1000), quarter[40], 9);

        load.ProfileWatts(new DateOnly(2023, 1, 5), quarter);
        Assert.Equal(LoadProfile.Get("H0").Watts(new DateOnly(2023, 1, 5), 44, 1000), quarter[40], 9);
    }
}
