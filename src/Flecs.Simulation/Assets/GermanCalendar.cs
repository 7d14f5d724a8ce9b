namespace Flecs.Simulation.Assets;

/// <summary>
/// Day types for the BDEW profiles: the nine nationwide German public holidays (New Year, Good Friday,
/// Easter Monday, 1 May, Ascension, Whit Monday, 3 October, 25 and 26 December) count as Sundays;
/// 24 and 31 December count as Saturdays unless they fall on a Sunday (BDEW practice, as in the
/// R package standardlastprofile).
/// </summary>
public static class GermanCalendar
{
    /// <summary>The BDEW day type of a local date.</summary>
    public static BdewDayType DayType(DateOnly date)
    {
        if (date.DayOfWeek == DayOfWeek.Sunday || IsPublicHoliday(date))
        {
            return BdewDayType.Sunday;
        }

        if (date.DayOfWeek == DayOfWeek.Saturday || (date.Month == 12 && (date.Day == 24 || date.Day == 31)))
        {
            return BdewDayType.Saturday;
        }

        return BdewDayType.Workday;
    }

    /// <summary>Whether a date is one of the nine nationwide German public holidays.</summary>
    public static bool IsPublicHoliday(DateOnly date)
    {
        switch (date.Month, date.Day)
        {
            case (1, 1):
            case (5, 1):
            case (10, 3):
            case (12, 25):
            case (12, 26):
                return true;
        }

        var offset = date.DayNumber - EasterSunday(date.Year).DayNumber;
        return offset is -2 or 1 or 39 or 50;
    }

    /// <summary>Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
