namespace Flecs.Api.Views;

/// <summary>An invoice with its lines.</summary>
/// <param name="Summary">The totals.</param>
/// <param name="Lines">The lines.</param>
public sealed record InvoiceView(InvoiceSummaryView Summary, IReadOnlyList<InvoiceLineView> Lines);
