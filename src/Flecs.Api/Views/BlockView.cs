namespace Flecs.Api.Views;

/// <summary>A block: header, roots and its transactions (senders only where the caller may see them).</summary>
/// <param name="Summary">The header summary.</param>
/// <param name="TransactionsRoot">The transactions Merkle root.</param>
/// <param name="ReceiptsRoot">The receipts Merkle root.</param>
/// <param name="HistoryRoot">The block-history Merkle root.</param>
/// <param name="ValidatorSetHash">The validator-set hash.</param>
/// <param name="Transactions">The transactions in block order.</param>
public sealed record BlockView(BlockSummaryView Summary, string TransactionsRoot, string ReceiptsRoot, string HistoryRoot, string ValidatorSetHash, IReadOnlyList<BlockTransactionView> Transactions);
