using Flecs.Market.Books;
using Flecs.Market.Clearing;
using Spectre.Console;

namespace Flecs.Cli.Market;

/// <summary>Writes the human-readable result of <c>flecs market clear</c>: a summary, the fills and, for the merit order, the dispatch.</summary>
internal static class ClearTableWriter
{
    private const int MaxFillRows = 200;

    public static void Write(IAnsiConsole console, ClearOutcome outcome)
    {
        var clearing = outcome.Clearing;
        var payAsBid = clearing.Mechanism == ClearingMechanism.PayAsBid;
        var summary = new Grid().AddColumn().AddColumn();
        summary.AddRow("Mechanism", outcome.MechanismName);
        summary.AddRow("Clearing price /kWh", clearing.ClearingPrice?.ToPerKilowattHourString() ?? (payAsBid ? "— (each fill at its own prices)" : "— (nothing clears)"));
        if (clearing.ClearingPriceRange is { } range)
        {
            summary.AddRow("Clearing price interval /kWh", $"{range.Low.ToPerKilowattHourString()} … {range.High.ToPerKilowattHourString()}");
        }

        summary.AddRow("Cleared kWh", clearing.ClearedQuantity.ToKilowattHoursString());
        if (outcome.Constrained)
        {
            summary.AddRow("Curtailed by grid constraints kWh", (clearing.AcceptedQuantity - clearing.ClearedQuantity).ToKilowattHoursString());
        }

        if (payAsBid)
        {
            summary.AddRow("Market operator surplus", clearing.OperatorSurplus.ToUnitsString());
        }

        if (outcome.MeritOrder is { } merit)
        {
            summary.AddRow("Price cap /kWh", merit.PriceCap.ToPerKilowattHourString());
            summary.AddRow("Unserved kWh", merit.UnservedQuantity.ToKilowattHoursString() + (merit.IsScarcity ? " (scarcity: price at the cap)" : string.Empty));
        }

        console.Write(summary);
        console.WriteLine();

        var fills = new Table().Title("Fills").AddColumn("Buy").AddColumn("Sell").AddColumn(new TableColumn("kWh").RightAligned());
        fills.AddColumn(new TableColumn(payAsBid ? "Buyer pays /kWh" : "Price /kWh").RightAligned());
        if (payAsBid)
        {
            fills.AddColumn(new TableColumn("Seller gets /kWh").RightAligned());
        }

        var shown = 0;
        foreach (var fill in clearing.Fills)
        {
            if (shown++ == MaxFillRows)
            {
                break;
            }

            var row = new List<string> { Markup.Escape(fill.BuyOrderId), Markup.Escape(fill.SellOrderId), fill.Quantity.ToKilowattHoursString(), fill.BuyerPrice.ToPerKilowattHourString() };
            if (payAsBid)
            {
                row.Add(fill.SellerPrice.ToPerKilowattHourString());
            }

            fills.AddRow([.. row]);
        }

        if (clearing.Fills.Count > MaxFillRows)
        {
            fills.Caption($"{clearing.Fills.Count - MaxFillRows} more fills; use --json for all");
        }

        console.Write(fills);

        if (outcome.MeritOrder is { } meritOrder)
        {
            var byTechnology = new Table().Title("Dispatch by technology").AddColumn("Technology")
                .AddColumn(new TableColumn("Offered kWh").RightAligned()).AddColumn(new TableColumn("Dispatched kWh").RightAligned());
            foreach (var technology in meritOrder.DispatchByTechnology)
            {
                byTechnology.AddRow(technology.Technology is { } t ? TechnologyNames.ToName(t) : "(none)", technology.Offered.ToKilowattHoursString(), technology.Dispatched.ToKilowattHoursString());
            }

            console.Write(byTechnology);
        }
    }
}
