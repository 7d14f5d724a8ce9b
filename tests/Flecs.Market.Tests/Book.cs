using Flecs.Core.Units;
using Flecs.Market.Books;

namespace Flecs.Market.Tests;

/// <summary>Builds books from compact specs: <c>"b1 buy 10 0.30"</c>, <c>"s1 sell 5 0.10 zone=A"</c>, <c>"d1 buy 7 -"</c> (no price).</summary>
internal static class Book
{
    public static OrderBook Of(params string[] specs) => OrderBook.Create(specs.Select(ParseSpec)).Value;

    public static Order ParseSpec(string spec)
    {
        var parts = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var fields = new OrderFields(0)
        {
            Id = parts[0],
            Side = parts[1],
            QuantityKwh = parts[2],
            PricePerKwh = parts[3] == "-" ? null : parts[3],
            Zone = parts.FirstOrDefault(p => p.StartsWith("zone=", StringComparison.Ordinal))?[5..],
            Technology = parts.FirstOrDefault(p => p.StartsWith("tech=", StringComparison.Ordinal))?[5..],
            Player = parts.FirstOrDefault(p => p.StartsWith("player=", StringComparison.Ordinal))?[7..],
        };
        return OrderBookParser.ParseOne(fields, 1).Value;
    }

    public static EnergyPrice Price(string perKwh) => EnergyPrice.TryParsePerKilowattHour(perKwh, out var price) ? price : throw new FormatException(perKwh);

    public static EnergyQuantity Kwh(string kwh) => EnergyQuantity.TryParseKilowattHours(kwh, out var quantity) ? quantity : throw new FormatException(kwh);
}
