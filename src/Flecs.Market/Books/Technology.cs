namespace Flecs.Market.Books;

/// <summary>The technology behind a supply offer in the Main Power Market merit order.</summary>
/// <remarks>
/// The technology is descriptive: the merit order ranks offers by price only. An offer's price is the
/// unit's variable cost or offered price; for <see cref="Hydro"/> it is the water value (the opportunity
/// cost of the stored water), for <see cref="Storage"/> the discharge offer, for <see cref="Imports"/> the
/// price at the border (docs/market-rules.md §4). The numeric values are persisted; never renumber them.
/// </remarks>
public enum Technology
{
    /// <summary>Nuclear generation.</summary>
    Nuclear = 1,

    /// <summary>Hydro generation, offered at its water value.</summary>
    Hydro = 2,

    /// <summary>Wind generation.</summary>
    Wind = 3,

    /// <summary>Solar generation.</summary>
    Solar = 4,

    /// <summary>Gas-fired generation.</summary>
    Gas = 5,

    /// <summary>Coal-fired generation.</summary>
    Coal = 6,

    /// <summary>Oil-fired generation.</summary>
    Oil = 7,

    /// <summary>Biomass generation.</summary>
    Biomass = 8,

    /// <summary>Storage discharge (batteries, pumped hydro).</summary>
    Storage = 9,

    /// <summary>Imports across the market's border.</summary>
    Imports = 10,
}
