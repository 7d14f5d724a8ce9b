namespace Flecs.Api.Views;

/// <summary>The caller's standing orders, and totals over all orders.</summary>
/// <param name="Orders">The caller's orders; every order for the SA.</param>
/// <param name="Total">All standing orders.</param>
/// <param name="BuyMilliwattHours">All buy quantity per interval, summed.</param>
/// <param name="SellMilliwattHours">All sell quantity per interval, summed.</param>
public sealed record OrdersView(IReadOnlyList<OrderView> Orders, int Total, long BuyMilliwattHours, long SellMilliwattHours);
