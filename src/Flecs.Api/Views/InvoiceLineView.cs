namespace Flecs.Api.Views;

/// <summary>One summed line of an invoice.</summary>
/// <param name="Kind">The line kind.</param>
/// <param name="Reference">The contract, market or counterparty.</param>
/// <param name="EnergyMilliwattHours">Energy, mWh.</param>
/// <param name="MoneyMicros">Money, micro-units.</param>
/// <param name="Certificates">Green certificates.</param>
public sealed record InvoiceLineView(string Kind, string Reference, long EnergyMilliwattHours, long MoneyMicros, long Certificates);
