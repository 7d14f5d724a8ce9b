using Flecs.Ledger.Transactions;

namespace Flecs.Settlement;

/// <summary>The settlement module's transaction types (120–129; docs/settlement.md#transactions). Persisted: never renumber.</summary>
public static class SettlementTransactionTypes
{
    /// <summary>SA: set the settlement configuration (tariff, accounts, late window, billing period, start).</summary>
    public static TransactionType ConfigureSettlement => new(120);

    /// <summary>A player (or its representative, or the SA): register a meter.</summary>
    public static TransactionType RegisterMeter => new(121);

    /// <summary>Meter readings, each batch signed by the meter's or gateway's key.</summary>
    public static TransactionType SubmitReadings => new(122);

    /// <summary>Standing orders for future intervals in the SPM or the MPM.</summary>
    public static TransactionType SubmitOrders => new(123);

    /// <summary>A day-ahead or week-ahead plan of expected consumption and production.</summary>
    public static TransactionType SubmitPlan => new(124);

    /// <summary>Market Operator: close the next intervals (VEE, contracts, SPM, P2G, journal; invoices at a period end).</summary>
    public static TransactionType CloseIntervals => new(125);

    /// <summary>A player (or its representative) withdraws its standing orders; the SA withdraws any.</summary>
    public static TransactionType CancelOrders => new(126);

    /// <summary>The kebab-case name of a settlement type, or null.</summary>
    public static string? Name(TransactionType type) => type.Value switch
    {
        120 => "configure-settlement",
        121 => "register-meter",
        122 => "submit-readings",
        123 => "submit-orders",
        124 => "submit-plan",
        125 => "close-intervals",
        126 => "cancel-orders",
        _ => null,
    };
}
