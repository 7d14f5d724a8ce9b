using Flecs.Simulation.Assets;

namespace Flecs.Simulation.Tests.Assets;

public sealed class LoadProfileTests
{
    [Theory]
    [InlineData("H0", 2023)]
    [InlineData("H0", 2024)]
    [InlineData("H25", 2025)]
    [InlineData("P25", 2025)]
    [InlineData("S25", 2025)]
    [InlineData("G0", 2023)]
    public void Watts_FullYearAt1000Kwh_SumsTo1000KwhWithinOnePercent(string id, int year)
    {
        var profile = LoadProfile.Get(id);
        var kwh = 0.0;
        for (var date = new DateOnly(year, 1, 1); date.Year == year; date = date.AddDays(1))
        {
            for (var q = 0; q < 96; q++)
            {
                kwh += profile.Watts(date, q, 1000) / 4000.0;
            }
        }

        Assert.InRange(kwh, 990, 1010);
    }

    [Fact]
    public void Watts_H0WinterSaturdayMidnight_IsTheBdewValueTimesDynamisation()
    {
        // bdew_slp_1999: H0,winter,saturday,00:00,70.8 (W per 1 000 kWh/a); 2023-01-07 is a Saturday, day 7.
        var expected = 70.8 * LoadProfile.DynamisationFactor(7) * 3.5;
        Assert.Equal(expected, LoadProfile.Get("H0").Watts(new DateOnly(2023, 1, 7), 0, 3500), 9);
    }

    [Fact]
    public void DynamisationFactor_IsHighInWinterLowInSummer()
    {
        Assert.InRange(LoadProfile.DynamisationFactor(1), 1.24, 1.25);
        Assert.InRange(LoadProfile.DynamisationFactor(200), 0.75, 0.85);
    }

    [Fact]
    public void Ids_ContainTheHouseholdAndCommercialProfiles()
    {
        Assert.Contains("H0", LoadProfile.Ids);
        Assert.Contains("H25", LoadProfile.Ids);
        Assert.Contains("G4", LoadProfile.Ids);
        Assert.Contains("L2", LoadProfile.Ids);
        Assert.Equal(14, LoadProfile.Ids.Count);
        Assert.Throws<ArgumentException>(() => LoadProfile.Get("X9"));
    }

    [Theory]
    [InlineData("2024-03-29", BdewDayType.Sunday)] // Good Friday
    [InlineData("2024-04-01", BdewDayType.Sunday)] // Easter Monday
    [InlineData("2024-05-09", BdewDayType.Sunday)] // Ascension
    [InlineData("2024-05-20", BdewDayType.Sunday)] // Whit Monday
    [InlineData("2024-10-03", BdewDayType.Sunday)]
    [InlineData("2024-12-24", BdewDayType.Saturday)]
    [InlineData("2024-12-23", BdewDayType.Workday)]
    [InlineData("2024-06-15", BdewDayType.Saturday)]
    [InlineData("2024-06-16", BdewDayType.Sunday)]
    public void DayType_GermanCalendar_ClassifiesHolidays(string date, BdewDayType expected)
    {
        Assert.Equal(expected, GermanCalendar.DayType(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
