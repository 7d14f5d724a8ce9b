using System.Collections.Immutable;
using System.Text.Json;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Core.Time;
using Flecs.Core.Units;
using Flecs.Market.Clearing;
using Flecs.Market.Interface;
using Flecs.Settlement.Config;

namespace Flecs.Cli.Settlement;

/// <summary>
/// The JSON form of a settlement configuration (docs/cli.md#settlement-configuration-json): times as
/// <c>yyyy-MM-ddTHH:mmZ</c>, prices as exact decimal strings per kWh, levels and mechanisms by name.
/// </summary>
internal static class ConfigFile
{
    public const string BadConfig = "cli.settlement.bad-config";

    private static readonly string[] Fields =
    [
        "start", "mechanism", "fallback_mpm_price_per_kwh", "price_cap_per_kwh", "retail_spread_per_kwh", "feed_in_spread_per_kwh",
        "fees", "retailer", "grid_operators", "market_operator", "late_window_intervals", "billing_days",
    ];

    private static readonly string[] FeeFields = ["level", "withdrawal_per_kwh", "injection_per_kwh"];

    /// <summary>Reads a file, or inline JSON when the argument starts with <c>{</c>.</summary>
    public static Result<SettlementConfig> Load(string fileOrJson, IntervalLength length)
    {
        string text;
        if (fileOrJson.TrimStart().StartsWith('{'))
        {
            text = fileOrJson;
        }
        else
        {
            try
            {
                text = File.ReadAllText(fileOrJson);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return Result<SettlementConfig>.Fail("cli.input.unreadable", $"Cannot read '{fileOrJson}': {ex.Message}");
            }
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return Parse(document.RootElement, length);
        }
        catch (JsonException ex)
        {
            return Fail($"not JSON: {ex.Message}");
        }
    }

    public static Result<SettlementConfig> Parse(JsonElement root, IntervalLength length)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return Fail("the configuration is a JSON object.");
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!Fields.Contains(property.Name, StringComparer.Ordinal))
            {
                return Fail($"unknown field '{property.Name}' (the fields are {string.Join(", ", Fields)}).");
            }
        }

        foreach (var field in Fields)
        {
            if (!root.TryGetProperty(field, out _))
            {
                return Fail($"the field '{field}' is missing.");
            }
        }

        var startText = String(root, "start");
        if (startText is null)
        {
            return Fail("'start' is a string, a UTC time such as 2026-01-01T00:00Z.");
        }

        var start = SettlementCli.IntervalStart(startText, "start", length);
        if (!start.IsSuccess)
        {
            return Fail($"{start.Error.Message}");
        }

        var mechanism = String(root, "mechanism") switch
        {
            "pay-as-clear" => ClearingMechanism.PayAsClear,
            "pay-as-bid" => ClearingMechanism.PayAsBid,
            _ => (ClearingMechanism?)null,
        };
        if (mechanism is null)
        {
            return Fail("'mechanism' is \"pay-as-clear\" or \"pay-as-bid\".");
        }

        var prices = new EnergyPrice[4];
        string[] priceFields = ["fallback_mpm_price_per_kwh", "price_cap_per_kwh", "retail_spread_per_kwh", "feed_in_spread_per_kwh"];
        for (var i = 0; i < priceFields.Length; i++)
        {
            var price = Price(root.GetProperty(priceFields[i]), priceFields[i]);
            if (!price.IsSuccess)
            {
                return price.Error;
            }

            prices[i] = price.Value;
        }

        var fees = Fees(root.GetProperty("fees"));
        if (!fees.IsSuccess)
        {
            return fees.Error;
        }

        var retailer = Player(root, "retailer");
        var marketOperator = Player(root, "market_operator");
        if (retailer is null || marketOperator is null)
        {
            return Fail("'retailer' and 'market_operator' are player ids.");
        }

        var operators = Operators(root.GetProperty("grid_operators"));
        if (!operators.IsSuccess)
        {
            return operators.Error;
        }

        if (!root.GetProperty("late_window_intervals").TryGetInt64(out var lateWindow) || lateWindow < 0)
        {
            return Fail("'late_window_intervals' is a whole number ≥ 0.");
        }

        if (!root.GetProperty("billing_days").TryGetInt32(out var billingDays) || billingDays < 0)
        {
            return Fail("'billing_days' is a whole number: 0 for calendar months, else 1–366.");
        }

        var config = new SettlementConfig(start.Value, mechanism.Value, prices[0], prices[1], prices[2], prices[3], fees.Value, retailer.Value, operators.Value, marketOperator.Value, lateWindow, billingDays);
        var valid = config.Validate();
        return valid.IsSuccess ? config : Fail(valid.Error.Message);
    }

    /// <summary>The configuration as the JSON object <see cref="Parse"/> reads.</summary>
    public static Dictionary<string, object> ToJson(SettlementConfig config, IntervalLength length) => new(StringComparer.Ordinal)
    {
        ["start"] = SettlementCli.StartOf(config.Start, length),
        ["mechanism"] = config.Mechanism == ClearingMechanism.PayAsBid ? "pay-as-bid" : "pay-as-clear",
        ["fallback_mpm_price_per_kwh"] = config.FallbackMpmPrice.ToPerKilowattHourString(),
        ["price_cap_per_kwh"] = config.PriceCap.ToPerKilowattHourString(),
        ["retail_spread_per_kwh"] = config.RetailSpread.ToPerKilowattHourString(),
        ["feed_in_spread_per_kwh"] = config.FeedInSpread.ToPerKilowattHourString(),
        ["fees"] = config.Fees.Select(f => new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["level"] = SettlementCli.LevelName(f.Level),
            ["withdrawal_per_kwh"] = f.Withdrawal.ToPerKilowattHourString(),
            ["injection_per_kwh"] = f.Injection.ToPerKilowattHourString(),
        }).ToList(),
        ["retailer"] = config.Retailer.Value,
        ["grid_operators"] = config.GridOperators.ToDictionary(p => SettlementCli.LevelName(p.Key), p => p.Value.Value, StringComparer.Ordinal),
        ["market_operator"] = config.MarketOperator.Value,
        ["late_window_intervals"] = config.LateWindow,
        ["billing_days"] = config.BillingDays,
    };

    private static Result<ImmutableArray<GridFee>> Fees(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            return Fail("'fees' is an array of {level, withdrawal_per_kwh, injection_per_kwh}.");
        }

        var fees = ImmutableArray.CreateBuilder<GridFee>();
        foreach (var fee in element.EnumerateArray())
        {
            if (fee.ValueKind != JsonValueKind.Object || fee.EnumerateObject().Any(p => !FeeFields.Contains(p.Name, StringComparer.Ordinal)) || FeeFields.Any(f => !fee.TryGetProperty(f, out _)))
            {
                return Fail("each fee is an object with exactly level, withdrawal_per_kwh and injection_per_kwh.");
            }

            if (String(fee, "level") is not { } levelName || !SettlementCli.Levels.TryGetValue(levelName, out var level))
            {
                return Fail("a fee's level is \"transmission\", \"medium-voltage\" or \"low-voltage\".");
            }

            var withdrawal = Price(fee.GetProperty("withdrawal_per_kwh"), $"fees[{levelName}].withdrawal_per_kwh");
            var injection = withdrawal.IsSuccess ? Price(fee.GetProperty("injection_per_kwh"), $"fees[{levelName}].injection_per_kwh") : withdrawal;
            if (!injection.IsSuccess)
            {
                return injection.Error;
            }

            fees.Add(new GridFee(level, withdrawal.Value, injection.Value));
        }

        return fees.ToImmutable();
    }

    private static Result<ImmutableSortedDictionary<GridLevel, PlayerId>> Operators(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return Fail("'grid_operators' is an object {level: player}.");
        }

        var operators = ImmutableSortedDictionary.CreateBuilder<GridLevel, PlayerId>();
        foreach (var property in element.EnumerateObject())
        {
            if (!SettlementCli.Levels.TryGetValue(property.Name, out var level))
            {
                return Fail($"'grid_operators' has the unknown level '{property.Name}' (transmission, medium-voltage, low-voltage).");
            }

            if (property.Value.ValueKind != JsonValueKind.String || !PlayerId.TryParse(property.Value.GetString(), out var player))
            {
                return Fail($"the grid operator of {property.Name} is a player id.");
            }

            if (!operators.TryAdd(level, player))
            {
                return Fail($"the level {property.Name} has two grid operators.");
            }
        }

        return operators.ToImmutable();
    }

    private static Result<EnergyPrice> Price(JsonElement element, string field) =>
        element.ValueKind == JsonValueKind.String && EnergyPrice.TryParsePerKilowattHour(element.GetString(), out var price)
            ? price
            : Fail($"'{field}' is a decimal string per kWh with at most 6 decimals, e.g. \"0.125\".");

    private static string? String(JsonElement element, string field) =>
        element.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static PlayerId? Player(JsonElement element, string field) =>
        PlayerId.TryParse(String(element, field), out var id) ? id : null;

    private static Error Fail(string message) => new(BadConfig, message);
}
