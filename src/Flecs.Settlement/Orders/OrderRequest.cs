namespace Flecs.Settlement.Orders;

/// <summary>One order of a <c>submit-orders</c> payload: <c>[side, first, count, quantity, price|null, technology]</c>.</summary>
/// <param name="Side">1 buy, 2 sell.</param>
/// <param name="First">The first interval.</param>
/// <param name="Count">How many consecutive intervals it stands for (1–10,080).</param>
/// <param name="Quantity">mWh per interval.</param>
/// <param name="Price">The limit (µ/kWh), or null for price-inelastic MPM demand.</param>
/// <param name="Technology">The technology of an MPM supply offer (docs/market-rules.md §4), 0 for none.</param>
public sealed record OrderRequest(int Side, long First, long Count, long Quantity, long? Price, int Technology);
