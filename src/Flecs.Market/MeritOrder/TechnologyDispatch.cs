using Flecs.Core.Units;
using Flecs.Market.Books;

namespace Flecs.Market.MeritOrder;

/// <summary>The energy dispatched from one technology.</summary>
/// <param name="Technology">The technology, or <see langword="null"/> for offers that named none.</param>
/// <param name="Offered">The energy offered.</param>
/// <param name="Dispatched">The energy dispatched.</param>
public sealed record TechnologyDispatch(Technology? Technology, EnergyQuantity Offered, EnergyQuantity Dispatched);
