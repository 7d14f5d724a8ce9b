namespace Flecs.Simulation.Results;

/// <summary>The ledger after the run.</summary>
/// <param name="Blocks">Head height.</param>
/// <param name="Transactions">Transactions in blocks (accepted and rejected).</param>
/// <param name="Rejected">Rejected transactions (e.g. the deliberately bad readings).</param>
/// <param name="HeadHash">The head block hash (hex): equal for equal scenario and seed.</param>
/// <param name="Verified">Whether a full replay from genesis matched.</param>
/// <param name="VerifyMessage">The verifier's summary or first failure.</param>
/// <param name="StoreBytes">Size of the SQLite store.</param>
/// <param name="Invoices">Invoices issued.</param>
public sealed record LedgerFigures(
    long Blocks,
    long Transactions,
    long Rejected,
    string HeadHash,
    bool Verified,
    string VerifyMessage,
    long StoreBytes,
    int Invoices);
