using Flecs.Simulation.Assets;

namespace Flecs.Simulation.Tests.Assets;

public sealed class ElectricVehicleTests
{
    [Fact]
    public void Trondheim_LoadsTheRealSessions()
    {
        // The source file (Sørensen et al. 2021) has 6 878 sessions of 97 users with a mean of
        // 12.72 kWh; 51 rows lack plug-out or energy, or are implausible.
        var sessions = EvSessions.Trondheim;
        Assert.Equal(6878, sessions.RowCount);
        Assert.InRange(sessions.Count, 6800, 6878);
        Assert.InRange(sessions.UserCount, 90, 97);
        Assert.InRange(sessions.MeanKwh, 12.5, 13.0);
        Assert.InRange(sessions.SessionsPerUserDay, 0.40, 0.50);
        Assert.InRange(sessions.ChargingDayShare, 0.30, 0.40);
        Assert.InRange(sessions.SessionsPerChargingDay, 1.2, 1.35);
        Assert.All(sessions.Sessions, s => Assert.True(s.Kwh > 0 && s.DurationHours > 0));
    }

    [Fact]
    public void Generate_ManyDays_DeliversTheDataMeanPerSession()
    {
        var sessions = EvSessions.Trondheim;
        var ev = new ElectricVehicle(new EvOptions(), sessions, 3);
        var watts = new double[96];
        var kwh = 0.0;
        const int Days = 3000;
        var start = new DateOnly(2020, 1, 1);
        for (var d = 0; d < Days; d++)
        {
            ev.Generate(start.AddDays(d), 15, watts);
            Assert.All(watts, w => Assert.InRange(w, 0, 7400 + 1e-9));
            kwh += watts.Sum() / 4000.0;
        }

        var perSession = kwh / (Days * ev.SessionsPerDay);
        TestContext.Current.TestOutputHelper?.WriteLine($"{kwh / Days:F2} kWh/day, {perSession:F2} kWh per expected session vs data {sessions.MeanKwh:F2}");
        Assert.InRange(perSession / sessions.MeanKwh, 0.95, 1.05);
    }

    [Fact]
    public void Generate_SameSeedAndDate_SameValuesInAnyOrder()
    {
        var a = new double[1440];
        var b = new double[1440];
        var date = new DateOnly(2024, 2, 2);
        new ElectricVehicle(new EvOptions(), EvSessions.Trondheim, 5).Generate(date, 1, a);
        var other = new ElectricVehicle(new EvOptions(), EvSessions.Trondheim, 5);
        other.Generate(date.AddDays(10), 1, b);
        other.Generate(date, 1, b);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Generate_SessionAcrossMidnight_ContinuesNextDay()
    {
        // One late-evening session of 30 kWh at 7.4 kW lasts ≈ 4 h and must spill into the next day.
        var late = new EvSession("u", new DateTime(2019, 1, 7, 22, 30, 0, DateTimeKind.Unspecified), new DateTime(2019, 1, 8, 7, 0, 0, DateTimeKind.Unspecified), 30);
        var sessions = new EvSessions([late], 1);
        var ev = new ElectricVehicle(new EvOptions { SessionsPerDay = 5 }, sessions, 1);
        var day = new double[1440];
        var next = new double[1440];
        var date = new DateOnly(2024, 1, 10);
        ev.Generate(date, 1, day);
        ev.Generate(date.AddDays(1), 1, next);
        Assert.Equal(7400, day[1400], 9); // 23:20 UTC = 00:20 CET: charging
        Assert.Equal(7400, next[60], 9); // 01:00 UTC of the next day: still charging
    }
}
