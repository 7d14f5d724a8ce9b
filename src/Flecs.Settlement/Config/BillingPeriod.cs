using Flecs.Core.Time;

namespace Flecs.Settlement.Config;

/// <summary>Billing periods: calendar months in UTC, or a fixed number of days counted from the Unix epoch (docs/settlement.md#billing).</summary>
public static class BillingPeriod
{
    /// <summary>The period number of an interval: months since January 1970 (month billing) or days-periods since the epoch.</summary>
    public static long Of(DeliveryInterval interval, int billingDays)
    {
        var seconds = interval.StartUnixSeconds;
        if (billingDays > 0)
        {
            return Math.DivRem(seconds, billingDays * 86_400L, out var rest) - (rest < 0 ? 1 : 0);
        }

        var date = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime;
        return ((date.Year - 1970) * 12L) + (date.Month - 1);
    }

    /// <summary>The first interval of a period.</summary>
    public static long FirstInterval(long period, int billingDays, IntervalLength length)
    {
        long startSeconds;
        if (billingDays > 0)
        {
            startSeconds = checked(period * billingDays * 86_400L);
        }
        else
        {
            var years = Math.DivRem(period, 12L, out var months);
            if (months < 0)
            {
                years--;
                months += 12;
            }

            var year = checked((int)(1970 + years));
            var month = (int)months + 1;
            startSeconds = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        }

        return length.IntervalAt(startSeconds).Index;
    }

    /// <summary>A period's label: <c>2026-05</c> for a month, <c>2026-05-30+1d</c> for a day period.</summary>
    public static string Label(long period, int billingDays, IntervalLength length)
    {
        var start = new DeliveryInterval(length, FirstInterval(period, billingDays, length)).Start;
        return billingDays > 0
            ? start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + "+" + billingDays.ToString(System.Globalization.CultureInfo.InvariantCulture) + "d"
            : start.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
    }
}
