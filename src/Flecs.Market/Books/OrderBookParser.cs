using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Core.Units;

namespace Flecs.Market.Books;

/// <summary>Converts the text fields of a book file into a validated <see cref="OrderBook"/>, exactly.</summary>
/// <remarks>
/// Quantities (kWh) and prices (per kWh) are parsed with <see cref="EnergyQuantity.TryParseKilowattHours"/>
/// and <see cref="EnergyPrice.TryParsePerKilowattHour"/>: at most six decimals, never rounded. Every error
/// names the line (or position) and the order id, and has a stable code (docs/market-rules.md §7).
/// </remarks>
public static class OrderBookParser
{
    /// <summary>Parses and validates all orders; fails on the first bad one, in file order.</summary>
    public static Result<OrderBook> Parse(IReadOnlyList<OrderFields> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var orders = new Order[fields.Count];
        var firstSeen = new Dictionary<string, string>(fields.Count, StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            var parsed = ParseOne(fields[i], i + 1);
            if (!parsed.IsSuccess)
            {
                return parsed.Error;
            }

            var order = parsed.Value;
            var where = Locate(fields[i], i + 1);
            if (!firstSeen.TryAdd(order.Id, where))
            {
                return new Error("market.book.duplicate-id", $"{Describe(fields[i], i + 1)}: the id is already used at {firstSeen[order.Id]}");
            }

            orders[i] = order;
        }

        return OrderBook.Create(orders);
    }

    /// <summary>Parses one order's fields; <paramref name="position"/> is its 1-based place in the file.</summary>
    public static Result<Order> ParseOne(OrderFields fields, int position)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var what = Describe(fields, position);
        if (string.IsNullOrWhiteSpace(fields.Id))
        {
            return new Error("market.book.missing-id", $"{what}: the order has no id");
        }

        if (fields.Id.Length > 128 || fields.Id.Trim().Length != fields.Id.Length)
        {
            return new Error("market.book.bad-id", $"{what}: an id is at most 128 characters with no leading or trailing spaces");
        }

        OrderSide side;
        switch (fields.Side)
        {
            case "buy":
                side = OrderSide.Buy;
                break;
            case "sell":
                side = OrderSide.Sell;
                break;
            case null or "":
                return new Error("market.book.bad-side", $"{what}: side is missing; it must be \"buy\" or \"sell\"");
            default:
                return new Error("market.book.bad-side", $"{what}: side '{fields.Side}' is neither \"buy\" nor \"sell\"");
        }

        if (string.IsNullOrEmpty(fields.QuantityKwh))
        {
            return new Error("market.book.bad-quantity", $"{what}: quantity_kwh is missing");
        }

        if (!EnergyQuantity.TryParseKilowattHours(fields.QuantityKwh, out var quantity))
        {
            return new Error("market.book.bad-quantity", $"{what}: quantity_kwh '{fields.QuantityKwh}' is not a decimal number of kWh with at most 6 decimals");
        }

        if (quantity.MilliwattHours <= 0)
        {
            return new Error("market.book.bad-quantity", $"{what}: quantity_kwh '{fields.QuantityKwh}' must be greater than zero");
        }

        if (quantity.MilliwattHours > OrderBook.MaxSideQuantityMilliwattHours)
        {
            return new Error("market.book.bad-quantity", $"{what}: quantity_kwh '{fields.QuantityKwh}' exceeds 1,000,000,000 kWh");
        }

        EnergyPrice? limit = null;
        if (!string.IsNullOrEmpty(fields.PricePerKwh))
        {
            if (!EnergyPrice.TryParsePerKilowattHour(fields.PricePerKwh, out var price))
            {
                return new Error("market.book.bad-price", $"{what}: price_per_kwh '{fields.PricePerKwh}' is not a decimal price per kWh with at most 6 decimals");
            }

            if (price.MicrosPerKilowattHour > OrderBook.MaxAbsolutePriceMicrosPerKilowattHour || price.MicrosPerKilowattHour < -OrderBook.MaxAbsolutePriceMicrosPerKilowattHour)
            {
                return new Error("market.book.bad-price", $"{what}: price_per_kwh '{fields.PricePerKwh}' is beyond ±1000 per kWh");
            }

            limit = price;
        }
        else if (side == OrderSide.Sell)
        {
            return new Error("market.book.missing-price", $"{what}: a sell order needs price_per_kwh");
        }

        PlayerId? player = null;
        if (!string.IsNullOrEmpty(fields.Player))
        {
            if (!PlayerId.TryParse(fields.Player, out var id))
            {
                return new Error("market.book.bad-player", $"{what}: player '{fields.Player}' is not a player id (1–64 of a–z, 0–9, '-', '.', '_')");
            }

            player = id;
        }

        Technology? technology = null;
        if (!string.IsNullOrEmpty(fields.Technology))
        {
            if (!TechnologyNames.TryParse(fields.Technology, out var parsed))
            {
                return new Error("market.book.bad-technology", $"{what}: technology '{fields.Technology}' is not one of nuclear, hydro, wind, solar, gas, coal, oil, biomass, storage, imports");
            }

            technology = parsed;
        }

        return new Order(fields.Id, side, quantity, limit)
        {
            Player = player,
            Zone = string.IsNullOrEmpty(fields.Zone) ? null : fields.Zone,
            Technology = technology,
        };
    }

    private static string Locate(OrderFields fields, int position) =>
        fields.Line > 0 ? $"line {fields.Line}" : $"order #{position}";

    private static string Describe(OrderFields fields, int position) =>
        string.IsNullOrWhiteSpace(fields.Id) ? Locate(fields, position) : $"{Locate(fields, position)}, order '{fields.Id}'";
}
