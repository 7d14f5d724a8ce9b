namespace Flecs.Settlement.Close;

/// <summary>What a journal line is (docs/settlement.md#journal). Persisted in receipts and invoices: never renumber.</summary>
public enum LineKind
{
    /// <summary>The account's metered net import (import − export; reference <c>estimated</c> when an estimate is in it). Energy only.</summary>
    Metered = 1,

    /// <summary>A contract's allocations and payments (reference: the contract id). Energy received, money received, certificates received.</summary>
    Contract = 2,

    /// <summary>SPM trades: energy bought − sold, money received − paid.</summary>
    Spm = 3,

    /// <summary>P2G energy at the MPM price: the residual (+ taken from the grid) and its value.</summary>
    P2gEnergy = 4,

    /// <summary>P2G retail or feed-in spread (the retailer's).</summary>
    RetailSpread = 5,

    /// <summary>P2G grid fee (reference: the level).</summary>
    GridFee = 6,

    /// <summary>The market operator's pay-as-bid surplus.</summary>
    SpmSurplus = 7,

    /// <summary>Re-settlement of an estimated interval after its late actual reading (reference: the interval): residual change and the change of every P2G amount.</summary>
    Correction = 8,

    /// <summary>The metered change a late actual reading made (reference: the interval). Energy only.</summary>
    MeteredCorrection = 9,
}
