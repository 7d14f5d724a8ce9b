using System.Collections.Immutable;
using System.Formats.Cbor;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Storage;
using Flecs.Ledger.Transactions;
using Flecs.Settlement;
using Flecs.Settlement.Close;

namespace Flecs.Cli.Settlement;

/// <summary>Reads the accepted <c>close-intervals</c> receipts of a store: <c>[[intervalRecord…],[invoice…]]</c>.</summary>
internal static class CloseReceipts
{
    public const string Malformed = "cli.invoice.receipt-malformed";

    /// <summary>Scans blocks 1 … head; keeps the records of intervals in [<paramref name="first"/>, <paramref name="end"/>) and every invoice.</summary>
    public static Result<(List<IntervalRecord> Records, List<IssuedInvoice> Invoices)> Scan(ILedgerStore store, long first, long end)
    {
        var records = new List<IntervalRecord>();
        var invoices = new List<IssuedInvoice>();
        for (var height = 1L; height <= store.HeadHeight; height++)
        {
            var block = store.ReadBlock(height);
            if (block is null)
            {
                return Result<(List<IntervalRecord>, List<IssuedInvoice>)>.Fail(Malformed, $"Block {height} is missing.");
            }

            foreach (var stored in block.Transactions)
            {
                var receipt = Receipt.Decode(stored.Receipt);
                if (!receipt.IsSuccess || !receipt.Value.IsAccepted || receipt.Value.Output.IsEmpty)
                {
                    continue;
                }

                var transaction = Transaction.Decode(stored.Bytes);
                if (!transaction.IsSuccess || transaction.Value.Type != SettlementTransactionTypes.CloseIntervals)
                {
                    continue;
                }

                try
                {
                    Read(receipt.Value.Output, stored.Id, height, first, end, records, invoices);
                }
                catch (Exception ex) when (ex is CborContentException or InvalidOperationException or FormatException or OverflowException)
                {
                    return Result<(List<IntervalRecord>, List<IssuedInvoice>)>.Fail(Malformed, $"The output of close {stored.Id} (block {height}) does not decode: {ex.Message}");
                }
            }
        }

        return (records, invoices);
    }

    /// <summary>Decodes one entry <c>[account, [line…]]</c>.</summary>
    public static (string Account, ImmutableArray<JournalLine> Lines) ReadEntry(ReadOnlyMemory<byte> bytes) => CloseOutput.ReadEntry(bytes);

    private static void Read(ReadOnlyMemory<byte> output, Hash256 transaction, long height, long first, long end, List<IntervalRecord> records, List<IssuedInvoice> invoices)
    {
        var decoded = CloseOutput.Decode(output, interval => interval >= first && interval < end);
        foreach (var record in decoded.Records)
        {
            if (record.Interval >= first && record.Interval < end)
            {
                records.Add(new IntervalRecord(record.Interval, record.Root, [.. record.Entries.Select(e => (e.Account, e.Bytes))], transaction, height));
            }
        }

        foreach (var (invoice, bytes) in decoded.Invoices)
        {
            invoices.Add(new IssuedInvoice(invoice.Account, invoice.Period, bytes, transaction, height));
        }
    }
}
