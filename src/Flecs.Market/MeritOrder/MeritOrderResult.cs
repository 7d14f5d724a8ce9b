using Flecs.Core.Units;
using Flecs.Market.Clearing;

namespace Flecs.Market.MeritOrder;

/// <summary>The outcome of a Main Power Market merit-order clearing.</summary>
/// <remarks>docs/market-rules.md §4.</remarks>
public sealed class MeritOrderResult
{
    internal MeritOrderResult(ClearingResult clearing, EnergyPrice priceCap, EnergyQuantity unserved, IReadOnlyList<UnitDispatch> dispatch, IReadOnlyList<TechnologyDispatch> byTechnology)
    {
        Clearing = clearing;
        PriceCap = priceCap;
        UnservedQuantity = unserved;
        Dispatch = dispatch;
        DispatchByTechnology = byTechnology;
    }

    /// <summary>The fills and every order's outcome; all fills trade at <see cref="Price"/>.</summary>
    public ClearingResult Clearing { get; }

    /// <summary>The uniform marginal price, or <see langword="null"/> when nothing is dispatched.</summary>
    public EnergyPrice? Price => Clearing.ClearingPrice;

    /// <summary>The energy dispatched (equal to the demand served).</summary>
    public EnergyQuantity DispatchedQuantity => Clearing.ClearedQuantity;

    /// <summary>The price cap in force.</summary>
    public EnergyPrice PriceCap { get; }

    /// <summary>Price-inelastic demand that could not be served (scarcity); zero otherwise.</summary>
    public EnergyQuantity UnservedQuantity { get; }

    /// <summary>True when price-inelastic demand went unserved; the price is then the cap.</summary>
    public bool IsScarcity => UnservedQuantity.MilliwattHours > 0;

    /// <summary>Every offer in merit order (cheapest first, ties by id) with its dispatch.</summary>
    public IReadOnlyList<UnitDispatch> Dispatch { get; }

    /// <summary>Offered and dispatched energy per technology, in <see cref="Books.Technology"/> order, untagged offers last.</summary>
    public IReadOnlyList<TechnologyDispatch> DispatchByTechnology { get; }
}
