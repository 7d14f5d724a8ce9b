using System.Collections.Frozen;
using System.Globalization;

namespace Flecs.Simulation.Assets;

/// <summary>
/// A BDEW standard load profile (quarter-hourly, local legal time). The 1999 profiles (H0, G0–G6,
/// L0–L2; VDEW 1999) have three seasons — winter 1 Nov–20 Mar, summer 15 May–14 Sep, transition
/// otherwise — and the 2025 profiles (H25, P25, S25; BDEW 2025) have twelve months; both have the
/// three <see cref="BdewDayType"/>s. H0, H25, P25 and S25 are multiplied by the BDEW dynamisation
/// polynomial <c>F(t) = −3.92·10⁻¹⁰t⁴ + 3.2·10⁻⁷t³ − 7.02·10⁻⁵t² + 0.0021t + 1.24</c> (t = day of year).
/// Values are normalised to 1 000 kWh/a and scaled linearly.
/// </summary>
public sealed class LoadProfile
{
    private const string File1999 = "bdew_slp_1999_H0_G0-G6_L0-L2_quarterhour_W_per_1000kWh.csv";
    private const string File2025 = "bdew_slp_2025_H25_P25_S25_quarterhour_kWh_per_1GWh.csv";

    private static readonly Lazy<FrozenDictionary<string, LoadProfile>> All = new(Load);

    // Row r holds 96 quarter-hour values in W per 1 000 kWh/a; 1999: r = season·3 + dayType,
    // 2025: r = (month − 1)·3 + dayType.
    private readonly double[] _values;
    private readonly bool _monthly;

    private LoadProfile(string id, double[] values, bool monthly, bool dynamic)
    {
        Id = id;
        _values = values;
        _monthly = monthly;
        IsDynamic = dynamic;
    }

    /// <summary>The profile identifiers available.</summary>
    public static IReadOnlyList<string> Ids => [.. All.Value.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The identifier (for example <c>"H0"</c>).</summary>
    public string Id { get; }

    /// <summary>Whether the dynamisation polynomial applies (H0, H25, P25, S25).</summary>
    public bool IsDynamic { get; }

    /// <summary>A profile by identifier (case-insensitive).</summary>
    public static LoadProfile Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return All.Value.TryGetValue(id.ToUpperInvariant(), out var profile)
            ? profile
            : throw new ArgumentException($"Unknown load profile '{id}'; known: {string.Join(", ", Ids)}.", nameof(id));
    }

    /// <summary>The BDEW dynamisation factor of a day of the year.</summary>
    public static double DynamisationFactor(int dayOfYear)
    {
        double t = dayOfYear;
        return (((((((-3.92e-10 * t) + 3.2e-7) * t) - 7.02e-5) * t) + 0.0021) * t) + 1.24;
    }

    /// <summary>The mean power (W) in a local quarter-hour (0–95) of a local date for a customer of <paramref name="annualKwh"/>.</summary>
    public double Watts(DateOnly localDate, int quarterHour, double annualKwh)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(quarterHour);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarterHour, 95);
        var (row, scale) = Day(localDate);
        return _values[row + quarterHour] * scale * annualKwh / 1000.0;
    }

    /// <summary>The offset of a local date's 96 values in the value table and the day's dynamisation factor.</summary>
    internal (int Offset, double Factor) Day(DateOnly localDate)
    {
        var dayType = (int)GermanCalendar.DayType(localDate);
        int block;
        if (_monthly)
        {
            block = localDate.Month - 1;
        }
        else
        {
            var md = (localDate.Month * 100) + localDate.Day;
            block = md is >= 1101 or <= 320 ? 0 : md is >= 515 and <= 914 ? 1 : 2;
        }

        var factor = IsDynamic ? DynamisationFactor(localDate.DayOfYear) : 1.0;
        return ((((block * 3) + dayType) * 96), factor);
    }

    /// <summary>The value table (W per 1 000 kWh/a), indexed by <see cref="Day"/>'s offset plus the quarter-hour.</summary>
    internal ReadOnlySpan<double> Values => _values;

    private static FrozenDictionary<string, LoadProfile> Load()
    {
        var profiles = new Dictionary<string, LoadProfile>(StringComparer.Ordinal);
        foreach (var (id, values) in Parse1999())
        {
            profiles[id] = new LoadProfile(id, values, monthly: false, dynamic: string.Equals(id, "H0", StringComparison.Ordinal));
        }

        foreach (var (id, values) in Parse2025())
        {
            profiles[id] = new LoadProfile(id, values, monthly: true, dynamic: true);
        }

        return profiles.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static Dictionary<string, double[]> Parse1999()
    {
        // profile_id,period,day,timestamp,watts
        var result = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var line in EmbeddedData.Lines(File1999).Skip(1))
        {
            var f = line.Split(',');
            var block = f[1] switch
            {
                "winter" => 0,
                "summer" => 1,
                "transition" => 2,
                _ => throw new FormatException($"Unknown BDEW period '{f[1]}'."),
            };
            var dayType = ParseDayType(f[2]);
            var quarterHour = QuarterHour(f[3]);
            if (!result.TryGetValue(f[0], out var values))
            {
                values = new double[3 * 3 * 96];
                result[f[0]] = values;
            }

            values[(((block * 3) + dayType) * 96) + quarterHour] = double.Parse(f[4], CultureInfo.InvariantCulture);
        }

        return result;
    }

    private static Dictionary<string, double[]> Parse2025()
    {
        // profile_id,month,day_type,interval,kwh — kWh per quarter-hour for 1 000 000 kWh/a;
        // W per 1 000 kWh/a = kWh × 4 (per hour) × 1 000 (W/kW) ÷ 1 000 (scale).
        var result = new Dictionary<string, double[]>(StringComparer.Ordinal);
        foreach (var line in EmbeddedData.Lines(File2025).Skip(1))
        {
            var f = line.Split(',');
            var month = int.Parse(f[1], CultureInfo.InvariantCulture);
            var dayType = ParseDayType(f[2]);
            var quarterHour = QuarterHour(f[3].AsSpan(0, 5).ToString());
            if (!result.TryGetValue(f[0], out var values))
            {
                values = new double[12 * 3 * 96];
                result[f[0]] = values;
            }

            values[(((((month - 1) * 3) + dayType) * 96) + quarterHour)] = double.Parse(f[4], CultureInfo.InvariantCulture) * 4.0;
        }

        return result;
    }

    private static int ParseDayType(string text) => text switch
    {
        "workday" or "WT" => 0,
        "saturday" or "SA" => 1,
        "sunday" or "FT" => 2,
        _ => throw new FormatException($"Unknown BDEW day type '{text}'."),
    };

    private static int QuarterHour(string hhmm)
    {
        var hours = int.Parse(hhmm.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var minutes = int.Parse(hhmm.AsSpan(3, 2), CultureInfo.InvariantCulture);
        return (hours * 4) + (minutes / 15);
    }
}
