namespace Flecs.Ledger.Genesis;

/// <summary>Size limits fixed in genesis; consensus rules, so every node applies the same ones.</summary>
/// <param name="MaxTransactionBytes">Largest encoded transaction envelope, in bytes.</param>
/// <param name="MaxBlockTransactions">Most transactions in one block.</param>
/// <param name="MaxBlockBytes">Largest sum of transaction envelope sizes in one block, in bytes.</param>
public sealed record LedgerLimits(int MaxTransactionBytes, int MaxBlockTransactions, int MaxBlockBytes)
{
    /// <summary>The defaults: 16 KiB per transaction, 10,000 transactions or 8 MiB per block.</summary>
    public static LedgerLimits Default { get; } = new(16 * 1024, 10_000, 8 * 1024 * 1024);
}
