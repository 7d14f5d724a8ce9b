namespace Flecs.Simulation.Assets;

/// <summary>
/// Legal time in Germany (CET, UTC+1; CEST, UTC+2 from 01:00 UTC on the last Sunday of March to
/// 01:00 UTC on the last Sunday of October, EU Directive 2000/84/EC). Computed from the rule rather
/// than a time-zone database so that it is the same on every machine.
/// </summary>
internal static class CentralEuropeanTime
{
    /// <summary>The offset from UTC, in minutes, at the given UTC instant.</summary>
    public static int OffsetMinutes(DateTime utc)
    {
        var year = utc.Year;
        var start = LastSunday(year, 3).AddHours(1);
        var end = LastSunday(year, 10).AddHours(1);
        return utc >= start && utc < end ? 120 : 60;
    }

    /// <summary>The offset from UTC, in minutes, at the given minute of a UTC day.</summary>
    public static int OffsetMinutes(DateOnly utcDate, int minuteOfDay) =>
        OffsetMinutes(utcDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddMinutes(minuteOfDay));

    private static DateTime LastSunday(int year, int month)
    {
        var last = new DateTime(year, month, DateTime.DaysInMonth(year, month), 0, 0, 0, DateTimeKind.Utc);
        return last.AddDays(-(int)last.DayOfWeek);
    }
}
