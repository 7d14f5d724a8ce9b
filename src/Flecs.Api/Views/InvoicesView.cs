namespace Flecs.Api.Views;

/// <summary>The invoices the caller may see.</summary>
/// <param name="Invoices">Invoices of the caller's accounts; every invoice for the SA.</param>
/// <param name="Total">All issued invoices.</param>
public sealed record InvoicesView(IReadOnlyList<InvoiceSummaryView> Invoices, int Total);
