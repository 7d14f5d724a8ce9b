using Flecs.Core.Units;
using Flecs.Market.Books;

namespace Flecs.Market.MeritOrder;

/// <summary>The dispatch of one supply offer (one generating unit's block) in the merit order.</summary>
/// <param name="Offer">The offer.</param>
/// <param name="Dispatched">The energy dispatched, from zero up to the offer's quantity.</param>
/// <param name="Revenue">What the unit receives: the uniform price times <see cref="Dispatched"/>, valued per fill.</param>
public sealed record UnitDispatch(Order Offer, EnergyQuantity Dispatched, Money Revenue);
