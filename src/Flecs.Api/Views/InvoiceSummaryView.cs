namespace Flecs.Api.Views;

/// <summary>An issued invoice's totals.</summary>
/// <param name="Account">The account.</param>
/// <param name="Period">The billing period number.</param>
/// <param name="From">The first interval.</param>
/// <param name="To">The end of the period.</param>
/// <param name="Intervals">The intervals in the period.</param>
/// <param name="TotalMicros">The amount, micro-units of the chain's currency (positive: the account is owed).</param>
/// <param name="Root">The period root over the interval records (hex).</param>
public sealed record InvoiceSummaryView(string Account, long Period, DateTimeOffset From, DateTimeOffset To, long Intervals, long TotalMicros, string Root);
