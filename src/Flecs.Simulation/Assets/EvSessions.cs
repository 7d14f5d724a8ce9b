using System.Globalization;

namespace Flecs.Simulation.Assets;

/// <summary>
/// Real residential EV charging sessions: 6 878 sessions of 97 users in 24 garages in Trondheim,
/// Norway, Dec 2018–Jan 2020 (Sørensen, Lindberg, Sartori and Andresen 2021, "Residential electric
/// vehicle charging datasets from apartment buildings", Data in Brief 36:107105, CC BY 4.0).
/// Rows without plug-out time or energy, with non-positive energy or duration, or with a mean power
/// above 22 kW (impossible at these chargers) are dropped.
/// </summary>
public sealed class EvSessions
{
    private const string FileName = "trondheim_ev_sessions_sorensen2021.csv";
    private const double MaxPlausibleKw = 22.0;

    private static readonly Lazy<EvSessions> TrondheimData = new(LoadTrondheim);

    private readonly EvSession[] _sessions;

    /// <summary>Creates a set of sessions (for example a filtered subset, or test data).</summary>
    public EvSessions(IEnumerable<EvSession> sessions, int rowCount)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        _sessions = [.. sessions];
        RowCount = rowCount;
        if (_sessions.Length == 0)
        {
            throw new ArgumentException("No sessions.", nameof(sessions));
        }

        PlugInMinute = new int[_sessions.Length];
        DurationMinutes = new double[_sessions.Length];
        EnergyKwh = new double[_sessions.Length];
        var sum = 0.0;
        var firstDay = new Dictionary<string, int>(StringComparer.Ordinal);
        var lastDay = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _sessions.Length; i++)
        {
            var s = _sessions[i];
            PlugInMinute[i] = (int)s.PlugInLocal.TimeOfDay.TotalMinutes;
            DurationMinutes[i] = s.DurationHours * 60.0;
            EnergyKwh[i] = s.Kwh;
            sum += s.Kwh;
            var day = DateOnly.FromDateTime(s.PlugInLocal).DayNumber;
            firstDay[s.UserId] = firstDay.TryGetValue(s.UserId, out var f) ? Math.Min(f, day) : day;
            lastDay[s.UserId] = lastDay.TryGetValue(s.UserId, out var l) ? Math.Max(l, day) : day;
        }

        MeanKwh = sum / _sessions.Length;
        UserCount = firstDay.Count;

        // Charging days: all sessions of one user that plug in on one local date, kept together so
        // that a drawn day has the user's real sequence of (non-overlapping) sessions.
        var days = new Dictionary<(string User, int Day), List<int>>();
        for (var i = 0; i < _sessions.Length; i++)
        {
            var key = (_sessions[i].UserId, DateOnly.FromDateTime(_sessions[i].PlugInLocal).DayNumber);
            if (!days.TryGetValue(key, out var list))
            {
                list = [];
                days[key] = list;
            }

            list.Add(i);
        }

        DayOffsets = new int[days.Count + 1];
        DaySessions = new int[_sessions.Length];
        var n = 0;
        var g = 0;
        foreach (var list in days.Values)
        {
            DayOffsets[g++] = n;
            foreach (var i in list)
            {
                DaySessions[n++] = i;
            }
        }

        DayOffsets[g] = n;
        ChargingDayCount = days.Count;
        var userDays = firstDay.Sum(p => lastDay[p.Key] - p.Value + 1);
        SessionsPerUserDay = (double)_sessions.Length / userDays;
        ChargingDayShare = (double)days.Count / userDays;
    }

    /// <summary>The Trondheim sessions, loaded once from the embedded extract.</summary>
    public static EvSessions Trondheim => TrondheimData.Value;

    /// <summary>The number of usable sessions.</summary>
    public int Count => _sessions.Length;

    /// <summary>The number of rows read, before filtering.</summary>
    public int RowCount { get; }

    /// <summary>The number of distinct users.</summary>
    public int UserCount { get; }

    /// <summary>The mean energy per session (kWh).</summary>
    public double MeanKwh { get; }

    /// <summary>Sessions per user per day, over each user's span from first to last plug-in.</summary>
    public double SessionsPerUserDay { get; }

    /// <summary>The number of (user, local date) pairs with at least one plug-in.</summary>
    public int ChargingDayCount { get; }

    /// <summary>The share of user-days with at least one plug-in.</summary>
    public double ChargingDayShare { get; }

    /// <summary>The mean number of sessions on a day with at least one plug-in.</summary>
    public double SessionsPerChargingDay => (double)Count / ChargingDayCount;

    /// <summary>The sessions.</summary>
    public IReadOnlyList<EvSession> Sessions => _sessions;

    internal int[] PlugInMinute { get; }

    internal double[] DurationMinutes { get; }

    internal double[] EnergyKwh { get; }

    /// <summary>Charging day g holds the sessions <c>DaySessions[DayOffsets[g]..DayOffsets[g + 1]]</c>.</summary>
    internal int[] DayOffsets { get; }

    internal int[] DaySessions { get; }

    private static EvSessions LoadTrondheim()
    {
        // user_id,plugin_local,plugout_local,kwh (ISO local times; empty = NA in the source)
        var rows = 0;
        var sessions = new List<EvSession>();
        foreach (var line in EmbeddedData.Lines(FileName).Skip(1))
        {
            rows++;
            var f = line.Split(',');
            if (f.Length < 4 || f[2].Length == 0 || f[3].Length == 0)
            {
                continue;
            }

            var plugIn = DateTime.ParseExact(f[1], "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
            var plugOut = DateTime.ParseExact(f[2], "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
            var kwh = double.Parse(f[3], CultureInfo.InvariantCulture);
            var hours = (plugOut - plugIn).TotalHours;
            if (kwh <= 0 || hours <= 0 || kwh / hours > MaxPlausibleKw)
            {
                continue;
            }

            sessions.Add(new EvSession(f[0], plugIn, plugOut, kwh));
        }

        return new EvSessions(sessions, rows);
    }
}
