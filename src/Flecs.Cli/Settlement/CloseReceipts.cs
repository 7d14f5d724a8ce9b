using System.Collections.Immutable;
using System.Formats.Cbor;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Encoding;
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
    public static (string Account, ImmutableArray<JournalLine> Lines) ReadEntry(ReadOnlyMemory<byte> bytes)
    {
        var r = Cbor.NewReader(bytes);
        r.ReadArrayOf(2);
        var account = r.ReadTextString();
        var count = r.ReadStartArray() ?? 0;
        var lines = ImmutableArray.CreateBuilder<JournalLine>(count);
        for (var i = 0; i < count; i++)
        {
            lines.Add(JournalLine.Read(r));
        }

        r.ReadEndArray();
        r.ReadEndOfValue();
        return (account, lines.MoveToImmutable());
    }

    private static void Read(ReadOnlyMemory<byte> output, Hash256 transaction, long height, long first, long end, List<IntervalRecord> records, List<IssuedInvoice> invoices)
    {
        var r = Cbor.NewReader(output);
        r.ReadArrayOf(2);
        var count = r.ReadStartArray() ?? throw new CborContentException("The interval records are an indefinite array.");
        for (var i = 0; i < count; i++)
        {
            r.ReadArrayOf(8);
            var interval = r.ReadInt64();
            r.ReadInt64();
            r.ReadBoolean();
            if (r.PeekState() == CborReaderState.Null)
            {
                r.ReadNull();
            }
            else
            {
                r.ReadInt64();
            }

            r.ReadInt64();
            var failures = r.ReadStartArray() ?? 0;
            for (var k = 0; k < failures; k++)
            {
                r.ReadArrayOf(2);
                r.ReadHash();
                r.ReadTextString();
                r.ReadEndArray();
            }

            r.ReadEndArray();
            var root = r.ReadHash();
            var n = r.ReadStartArray() ?? 0;
            var keep = interval >= first && interval < end;
            var entries = keep ? ImmutableArray.CreateBuilder<(string, ReadOnlyMemory<byte>)>(n) : null;
            for (var k = 0; k < n; k++)
            {
                var bytes = r.ReadEncodedValue();
                entries?.Add((ReadEntry(bytes).Account, bytes));
            }

            r.ReadEndArray();
            r.ReadEndArray();
            if (entries is not null)
            {
                records.Add(new IntervalRecord(interval, root, entries.MoveToImmutable(), transaction, height));
            }
        }

        r.ReadEndArray();
        var invoiceCount = r.ReadStartArray() ?? 0;
        for (var i = 0; i < invoiceCount; i++)
        {
            var bytes = r.ReadEncodedValue();
            var invoice = Invoice.Decode(bytes);
            invoices.Add(new IssuedInvoice(invoice.Account, invoice.Period, bytes, transaction, height));
        }

        r.ReadEndOfValue();
    }
}
