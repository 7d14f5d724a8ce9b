namespace Flecs.Market.Books;

/// <summary>The text fields of one order as read from a book file (JSON or CSV), before validation.</summary>
/// <remarks>
/// A reader fills these from the file and records where the order came from, so that
/// <see cref="OrderBookParser"/> can name the line and the order in every error. Quantities and prices
/// stay decimal strings until the parser converts them exactly.
/// </remarks>
/// <param name="Line">The 1-based line where the order starts in its file, or 0 when unknown.</param>
public sealed record OrderFields(int Line)
{
    /// <summary>The <c>id</c> field.</summary>
    public string? Id { get; init; }

    /// <summary>The <c>side</c> field: <c>buy</c> or <c>sell</c>.</summary>
    public string? Side { get; init; }

    /// <summary>The <c>quantity_kwh</c> field, a decimal string.</summary>
    public string? QuantityKwh { get; init; }

    /// <summary>The <c>price_per_kwh</c> field, a decimal string (optional for price-inelastic demand).</summary>
    public string? PricePerKwh { get; init; }

    /// <summary>The optional <c>player</c> field.</summary>
    public string? Player { get; init; }

    /// <summary>The optional <c>zone</c> field.</summary>
    public string? Zone { get; init; }

    /// <summary>The optional <c>technology</c> field.</summary>
    public string? Technology { get; init; }
}
