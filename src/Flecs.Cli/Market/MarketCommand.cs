using System.CommandLine;
using Flecs.Core.Results;
using Flecs.Core.Units;
using Flecs.Market.Books;
using Flecs.Market.Clearing;
using Flecs.Market.MeritOrder;
using Spectre.Console;

namespace Flecs.Cli.Market;

/// <summary>The <c>flecs market</c> command: <c>flecs market clear --book FILE --mechanism pay-as-clear|pay-as-bid|merit-order [--json]</c>.</summary>
/// <remarks>
/// A host: it reads the book, calls <see cref="DoubleAuction"/> or <see cref="MeritOrderClearing"/> and
/// presents the result. For <c>merit-order</c>, sell orders are supply offers (with an optional technology)
/// and buy orders are demand; a buy order without <c>price_per_kwh</c> is price-inelastic demand.
/// Book errors go to stderr as <c>error: CODE: line N, order 'ID': problem</c> with exit code
/// <see cref="ExitCodes.InvalidInput"/>.
/// </remarks>
public static class MarketCommand
{
    /// <summary>The mechanism names accepted by <c>--mechanism</c>.</summary>
    public static readonly IReadOnlyList<string> MechanismNames = ["pay-as-clear", "pay-as-bid", "merit-order"];

    /// <summary>Creates the <c>market</c> command with its <c>clear</c> subcommand.</summary>
    public static Command Create()
    {
        var market = new Command("market", "Clear order books: the segmented market's double auction and the main market's merit order.");
        market.Subcommands.Add(CreateClear());
        return market;
    }

    private static Command CreateClear()
    {
        var book = new Option<string>("--book")
        {
            Description = "The order book: JSON {\"orders\":[{\"id\",\"side\",\"quantity_kwh\",\"price_per_kwh\",…}]} or CSV with the same columns.",
            Required = true,
        };
        var mechanism = new Option<string>("--mechanism")
        {
            Description = "pay-as-clear (uniform price), pay-as-bid (each side at its own limit) or merit-order (MPM dispatch; sell = supply offers, buy = demand, a buy without price is inelastic).",
            Required = true,
        };
        mechanism.AcceptOnlyFromAmong([.. MechanismNames]);
        var priceCap = new Option<string?>("--price-cap")
        {
            Description = "merit-order only: the scarcity price cap per kWh (default 4).",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object instead of tables.",
        };

        var clear = new Command("clear", "Clear one interval's order book and print the price, the volume and the fills.");
        clear.Options.Add(book);
        clear.Options.Add(mechanism);
        clear.Options.Add(priceCap);
        clear.Options.Add(json);
        clear.SetAction(result => Run(
            result.GetValue(book)!,
            result.GetValue(mechanism)!,
            result.GetValue(priceCap),
            result.GetValue(json),
            result.InvocationConfiguration.Output,
            result.InvocationConfiguration.Error));
        return clear;
    }

    private static int Run(string bookPath, string mechanismName, string? priceCapText, bool asJson, TextWriter output, TextWriter error)
    {
        var outcome = Clear(bookPath, mechanismName, priceCapText);
        if (!outcome.IsSuccess)
        {
            error.WriteLine($"error: {outcome.Error.Code}: {outcome.Error.Message}");
            return ExitCodes.InvalidInput;
        }

        if (asJson)
        {
            output.WriteLine(ClearJsonWriter.Write(outcome.Value));
        }
        else
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
            ClearTableWriter.Write(console, outcome.Value);
        }

        return ExitCodes.Ok;
    }

    private static Result<ClearOutcome> Clear(string bookPath, string mechanismName, string? priceCapText)
    {
        var options = MeritOrderOptions.Default;
        if (priceCapText is not null)
        {
            if (!IsMeritOrder(mechanismName))
            {
                return new Error("market.cli.price-cap-without-merit-order", "--price-cap applies to --mechanism merit-order only");
            }

            if (!EnergyPrice.TryParsePerKilowattHour(priceCapText, out var cap))
            {
                return new Error("market.merit-order.bad-cap", $"--price-cap '{priceCapText}' is not a decimal price per kWh with at most 6 decimals");
            }

            options = options with { PriceCap = cap };
        }

        var file = BookFileReader.Read(bookPath);
        if (!file.IsSuccess)
        {
            return file.Error;
        }

        var book = OrderBookParser.Parse(file.Value.Orders);
        if (!book.IsSuccess)
        {
            return book.Error;
        }

        var constraints = file.Value.Constraints;
        var constrained = constraints is { IsEmpty: false };
        if (IsMeritOrder(mechanismName))
        {
            if (constrained)
            {
                return new Error("market.cli.constraints-without-auction", "grid constraints apply to the segmented market (pay-as-clear, pay-as-bid), not to the merit order");
            }

            var merit = MeritOrderClearing.Clear(book.Value, options);
            return merit.IsSuccess ? new ClearOutcome(mechanismName, merit.Value.Clearing, merit.Value, false) : merit.Error;
        }

        var mechanism = string.Equals(mechanismName, "pay-as-bid", StringComparison.Ordinal) ? ClearingMechanism.PayAsBid : ClearingMechanism.PayAsClear;
        var cleared = DoubleAuction.Clear(book.Value, mechanism, constraints);
        return cleared.IsSuccess ? new ClearOutcome(mechanismName, cleared.Value, null, constrained) : cleared.Error;
    }

    private static bool IsMeritOrder(string mechanismName) => string.Equals(mechanismName, "merit-order", StringComparison.Ordinal);
}
