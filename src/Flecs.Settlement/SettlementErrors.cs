namespace Flecs.Settlement;

/// <summary>The settlement module's stable rejection codes (docs/settlement.md#error-codes lists each).</summary>
/// <remarks>Receipts persist these strings: a published code never changes meaning.</remarks>
public static class SettlementErrors
{
    /// <summary>The sender may not send this transaction (role, or not the meter's owner or representative).</summary>
    public const string NotPermitted = "settlement.not-permitted";

    /// <summary>Settlement is not configured yet (the SA's <c>configure-settlement</c> comes first).</summary>
    public const string NotConfigured = "settlement.config.missing";

    /// <summary>The settlement configuration is invalid (tariff, accounts, window, billing period).</summary>
    public const string BadConfig = "settlement.config.invalid";

    /// <summary>The meter id is malformed.</summary>
    public const string BadMeterId = "settlement.meter.bad-id";

    /// <summary>The meter is already registered.</summary>
    public const string MeterExists = "settlement.meter.exists";

    /// <summary>No meter with this id is registered.</summary>
    public const string UnknownMeter = "settlement.meter.unknown";

    /// <summary>The meter registration is invalid (owner not authorized, limit, zone, or a first interval already closed).</summary>
    public const string BadMeter = "settlement.meter.invalid";

    /// <summary>A reading batch's signature does not verify with the meter's (or its gateway's) key.</summary>
    public const string BadReadingSignature = "settlement.reading.bad-signature";

    /// <summary>A reading is negative.</summary>
    public const string NegativeReading = "settlement.reading.negative";

    /// <summary>A reading exceeds the physical limit of the meter's connection for one interval.</summary>
    public const string AboveLimit = "settlement.reading.above-limit";

    /// <summary>A reading has energy in a direction the meter does not measure (export on a consumption meter, import on a production meter).</summary>
    public const string WrongDirection = "settlement.reading.wrong-direction";

    /// <summary>An interval already has an actual reading.</summary>
    public const string DuplicateReading = "settlement.reading.duplicate";

    /// <summary>A reading is for an interval that has not ended yet.</summary>
    public const string FutureReading = "settlement.reading.future";

    /// <summary>A reading is for an interval that is final: settled with an actual reading, or estimated and past the late window.</summary>
    public const string FinalReading = "settlement.reading.final";

    /// <summary>A reading is for an interval before the meter's first interval.</summary>
    public const string BeforeStart = "settlement.reading.before-start";

    /// <summary>A reading batch or payload is empty (an over-long batch is refused at decoding as <c>ledger.tx.invalid-payload</c>).</summary>
    public const string BadBatch = "settlement.reading.bad-batch";

    /// <summary>An order is malformed (side, quantity, price, range, technology).</summary>
    public const string BadOrder = "settlement.order.invalid";

    /// <summary>A cancellation names no open order of that market.</summary>
    public const string UnknownOrder = "settlement.order.unknown";

    /// <summary>An order is for an interval that has started (or is closed).</summary>
    public const string GateClosed = "settlement.order.gate-closed";

    /// <summary>A plan is malformed or covers more than its horizon.</summary>
    public const string BadPlan = "settlement.plan.invalid";

    /// <summary>A plan starts at an interval that has started.</summary>
    public const string PlanTooLate = "settlement.plan.too-late";

    /// <summary>The close names an interval that is already closed, too many intervals, or one that has not ended; or its output would exceed the receipt limit (close fewer intervals).</summary>
    public const string BadClose = "settlement.close.invalid";
}
