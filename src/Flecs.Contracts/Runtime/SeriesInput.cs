using System.Collections.Immutable;
using System.Globalization;
using Flecs.Contracts.Values;
using Flecs.Core.Results;
using Flecs.Core.Time;

namespace Flecs.Contracts.Runtime;

/// <summary>
/// A series of consecutive intervals' inputs in compact form — what <c>flecs contract run --inputs</c> reads and
/// what a certification dry run carries (docs/contracts/README.md#input-series):
/// <c>{ start: "2026-01-01T00:00Z", minutes: 15, count: 96, meters: { role: { import: n | [n…], export: n | [n…], renewable?: bool } }, prices: { name: n | [n…] }, state?: {…} }</c>.
/// A number stands for the same value in every interval; an array holds one value per interval.
/// </summary>
/// <param name="First">The first interval.</param>
/// <param name="Count">The number of intervals.</param>
/// <param name="Value">The series as a contract value (its canonical form).</param>
public sealed record SeriesInput(DeliveryInterval First, int Count, ContractValue Value)
{
    /// <summary>The most intervals in one series: a day of 1-minute intervals (bounds one transaction's work).</summary>
    public const int MaxCount = 1_440;

    /// <summary>The accepted forms of <c>start</c>.</summary>
    public static readonly string[] TimeFormats = ["yyyy-MM-dd'T'HH:mm'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'"];

    /// <summary>Reads a series.</summary>
    public static Result<SeriesInput> FromValue(ContractValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Kind != ContractValueKind.Map || value.AsMap.Keys.Any(k => k is not "start" and not "minutes" and not "count" and not "meters" and not "prices" and not "state"))
        {
            return Fail("An input series is { start, minutes, count, meters, prices, state? }.");
        }

        // An exact format: a lenient parse would fill a missing date from the clock.
        if (value["start"] is not { Kind: ContractValueKind.Text } startText
            || !DateTimeOffset.TryParseExact(startText.AsText, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start))
        {
            return Fail("start must be a UTC time written yyyy-MM-ddTHH:mmZ, e.g. \"2026-01-01T00:00Z\".");
        }

        if (value["minutes"] is not { Kind: ContractValueKind.Integer } minutes || !IntervalLength.TryCreate((int)Math.Clamp(minutes.AsInteger, 0, 60), out var length))
        {
            return Fail("minutes must be 1, 5, 15 or 60.");
        }

        var seconds = start.ToUnixTimeSeconds();
        if (seconds % length.Seconds != 0)
        {
            return Fail($"start must be the start of a {length.Minutes}-minute interval.");
        }

        if (value["count"] is not { Kind: ContractValueKind.Integer, AsInteger: >= 1 and <= MaxCount } count)
        {
            return Fail($"count must be 1–{MaxCount}.");
        }

        var n = (int)count.AsInteger;
        if (value["meters"] is { } meters)
        {
            if (meters.Kind != ContractValueKind.Map)
            {
                return Fail("meters must be an object of { import, export, renewable? } by role.");
            }

            foreach (var (role, meter) in meters.AsMap)
            {
                if (meter.Kind != ContractValueKind.Map || meter.AsMap.Keys.Any(k => k is not "import" and not "export" and not "renewable")
                    || (meter["renewable"] is { } r && r.Kind != ContractValueKind.Bool)
                    || !IsSeries(meter["import"], n, nonNegative: true) || !IsSeries(meter["export"], n, nonNegative: true))
                {
                    return Fail($"meters.{role} must be {{ import, export, renewable? }} with non-negative integers or arrays of {n}.");
                }
            }
        }

        if (value["prices"] is { } prices && (prices.Kind != ContractValueKind.Map || prices.AsMap.Any(p => !IsSeries(p.Value, n, nonNegative: false))))
        {
            return Fail($"prices must map names to integers or arrays of {n} integers.");
        }

        if (value["state"] is { } state && state.Kind != ContractValueKind.Map)
        {
            return Fail("state must be an object.");
        }

        return new SeriesInput(new DeliveryInterval(length, seconds / length.Seconds), n, value);
    }

    /// <summary>The contract state the series starts from (an empty map unless given).</summary>
    public ContractValue InitialState => Value["state"] ?? ContractValue.EmptyMap;

    /// <summary>The last interval's index plus one.</summary>
    public long End => First.Index + Count;

    /// <summary>The input of the <paramref name="i"/>-th interval.</summary>
    public IntervalInput At(int i)
    {
        var meters = ImmutableSortedDictionary.CreateBuilder<string, MeterReading>(StringComparer.Ordinal);
        if (Value["meters"] is { } all)
        {
            foreach (var (role, meter) in all.AsMap)
            {
                meters[role] = new MeterReading(Pick(meter["import"], i), Pick(meter["export"], i), meter["renewable"] is { } r && r.AsBool);
            }
        }

        var prices = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
        if (Value["prices"] is { } allPrices)
        {
            foreach (var (name, series) in allPrices.AsMap)
            {
                prices[name] = Pick(series, i);
            }
        }

        return new IntervalInput(First with { Index = First.Index + i }, meters.ToImmutable(), prices.ToImmutable());
    }

    private static long Pick(ContractValue? series, int i) => series switch
    {
        null => 0,
        { Kind: ContractValueKind.Integer } v => v.AsInteger,
        _ => series.AsList[i].AsInteger,
    };

    private static bool IsSeries(ContractValue? v, int n, bool nonNegative) => v switch
    {
        null => true,
        { Kind: ContractValueKind.Integer } => !nonNegative || v.AsInteger >= 0,
        { Kind: ContractValueKind.List } => v.AsList.Length == n && v.AsList.All(x => x.Kind == ContractValueKind.Integer && (!nonNegative || x.AsInteger >= 0)),
        _ => false,
    };

    private static Result<SeriesInput> Fail(string message) => Result<SeriesInput>.Fail(ContractErrors.InvalidInput, message);
}
