namespace Flecs.Api.Views;

/// <summary>A standing order.</summary>
/// <param name="Id">The order id.</param>
/// <param name="Market">spm or mpm.</param>
/// <param name="Player">The player.</param>
/// <param name="Side">buy or sell.</param>
/// <param name="First">The first interval.</param>
/// <param name="End">The end of the last interval.</param>
/// <param name="QuantityMilliwattHours">The quantity per interval, mWh.</param>
/// <param name="PriceMicrosPerKwh">The limit price, µ/kWh; null for a price-taking order.</param>
/// <param name="Technology">The technology code (MPM offers).</param>
public sealed record OrderView(string Id, string Market, string Player, string Side, DateTimeOffset First, DateTimeOffset End, long QuantityMilliwattHours, long? PriceMicrosPerKwh, int Technology);
