using System.Text;
using System.Text.Json;
using Flecs.Market.Books;
using Flecs.Market.Clearing;

namespace Flecs.Cli.Market;

/// <summary>
/// Writes the <c>--json</c> result of <c>flecs market clear</c> as one object (issue 4, docs/market-rules.md §8):
/// <c>mechanism</c>, <c>clearing_price_per_kwh</c> (string or null), <c>cleared_quantity_kwh</c>, <c>fills</c>
/// (<c>buy</c>, <c>sell</c>, <c>quantity_kwh</c>, <c>price_per_kwh</c>), then mechanism-specific extras.
/// </summary>
internal static class ClearJsonWriter
{
    public static string Write(ClearOutcome outcome)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            var clearing = outcome.Clearing;
            var payAsBid = clearing.Mechanism == ClearingMechanism.PayAsBid;
            json.WriteStartObject();
            json.WriteString("mechanism", outcome.MechanismName);
            if (clearing.ClearingPrice is { } price)
            {
                json.WriteString("clearing_price_per_kwh", price.ToPerKilowattHourString());
            }
            else
            {
                json.WriteNull("clearing_price_per_kwh");
            }

            json.WriteString("cleared_quantity_kwh", clearing.ClearedQuantity.ToKilowattHoursString());
            json.WriteStartArray("fills");
            foreach (var fill in clearing.Fills)
            {
                json.WriteStartObject();
                json.WriteString("buy", fill.BuyOrderId);
                json.WriteString("sell", fill.SellOrderId);
                json.WriteString("quantity_kwh", fill.Quantity.ToKilowattHoursString());
                json.WriteString("price_per_kwh", fill.BuyerPrice.ToPerKilowattHourString());
                if (payAsBid)
                {
                    json.WriteString("seller_price_per_kwh", fill.SellerPrice.ToPerKilowattHourString());
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (payAsBid)
            {
                json.WriteString("market_operator_surplus", clearing.OperatorSurplus.ToUnitsString());
            }

            if (outcome.Constrained)
            {
                json.WriteString("curtailed_quantity_kwh", (clearing.AcceptedQuantity - clearing.ClearedQuantity).ToKilowattHoursString());
            }

            if (outcome.MeritOrder is { } merit)
            {
                json.WriteString("price_cap_per_kwh", merit.PriceCap.ToPerKilowattHourString());
                json.WriteBoolean("scarcity", merit.IsScarcity);
                json.WriteString("unserved_quantity_kwh", merit.UnservedQuantity.ToKilowattHoursString());
                json.WriteStartArray("dispatch");
                foreach (var unit in merit.Dispatch)
                {
                    json.WriteStartObject();
                    json.WriteString("unit", unit.Offer.Id);
                    if (unit.Offer.Technology is { } technology)
                    {
                        json.WriteString("technology", TechnologyNames.ToName(technology));
                    }
                    else
                    {
                        json.WriteNull("technology");
                    }

                    json.WriteString("dispatched_kwh", unit.Dispatched.ToKilowattHoursString());
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
