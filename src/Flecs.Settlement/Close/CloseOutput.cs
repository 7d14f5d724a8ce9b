using System.Collections.Immutable;
using System.Formats.Cbor;
using Flecs.Core.Identity;
using Flecs.Ledger.Encoding;

namespace Flecs.Settlement.Close;

/// <summary>
/// The decoded output of an accepted <c>close-intervals</c> receipt, <c>[[intervalRecord…], [invoice…]]</c>
/// (docs/settlement.md#receipt-output): what invoice verification, the simulation's report and any reader of the
/// ledger's settlement results read.
/// </summary>
/// <param name="Records">One record per closed interval, in order.</param>
/// <param name="Invoices">The invoices the close issued, with each one's canonical bytes.</param>
public sealed record CloseOutput(ImmutableArray<CloseOutput.IntervalRecord> Records, ImmutableArray<(Invoice Invoice, ReadOnlyMemory<byte> Bytes)> Invoices)
{
    /// <summary>Decodes a close output.</summary>
    /// <param name="output">The receipt output.</param>
    /// <param name="keep">Which intervals' entries to decode (the others keep only their prices and root); null keeps every one.</param>
    /// <exception cref="CborContentException">The output is not a close output.</exception>
    /// <exception cref="InvalidOperationException">The output is not a close output.</exception>
    /// <exception cref="FormatException">The output is not a close output.</exception>
    public static CloseOutput Decode(ReadOnlyMemory<byte> output, Func<long, bool>? keep = null)
    {
        var r = Cbor.NewReader(output);
        r.ReadArrayOf(2);
        var count = r.ReadStartArray() ?? throw new CborContentException("The interval records are an indefinite array.");
        var records = ImmutableArray.CreateBuilder<IntervalRecord>(count);
        for (var i = 0; i < count; i++)
        {
            records.Add(IntervalRecord.Read(r, keep));
        }

        r.ReadEndArray();
        var invoiceCount = r.ReadStartArray() ?? throw new CborContentException("The invoices are an indefinite array.");
        var invoices = ImmutableArray.CreateBuilder<(Invoice, ReadOnlyMemory<byte>)>(invoiceCount);
        for (var i = 0; i < invoiceCount; i++)
        {
            var bytes = r.ReadEncodedValue();
            invoices.Add((Invoice.Decode(bytes), bytes));
        }

        r.ReadEndArray();
        r.ReadEndOfValue();
        return new CloseOutput(records.MoveToImmutable(), invoices.MoveToImmutable());
    }

    /// <summary>Decodes one entry <c>[account, [line…]]</c>.</summary>
    public static (string Account, ImmutableArray<JournalLine> Lines) ReadEntry(ReadOnlyMemory<byte> bytes)
    {
        var r = Cbor.NewReader(bytes);
        var entry = ReadEntry(r);
        return r.BytesRemaining == 0 ? entry : throw new CborContentException("Trailing bytes after the entry.");
    }

    private static (string Account, ImmutableArray<JournalLine> Lines) ReadEntry(CborReader r)
    {
        r.ReadArrayOf(2);
        var account = r.ReadTextString();
        var count = r.ReadStartArray() ?? throw new CborContentException("The lines are an indefinite array.");
        var lines = ImmutableArray.CreateBuilder<JournalLine>(count);
        for (var i = 0; i < count; i++)
        {
            lines.Add(JournalLine.Read(r));
        }

        r.ReadEndArray();
        r.ReadEndArray();
        return (account, lines.MoveToImmutable());
    }

    /// <summary>One interval record: <c>[interval, mpmPrice, mpmCleared, spmPrice | null, spmVolume, failures, intervalRoot, entries]</c>.</summary>
    /// <param name="Interval">The interval.</param>
    /// <param name="MpmPrice">The MPM price, µ/kWh.</param>
    /// <param name="MpmCleared">Whether the merit order set it (otherwise the fallback).</param>
    /// <param name="SpmPrice">The SPM clearing price, µ/kWh, or null.</param>
    /// <param name="SpmVolume">The SPM volume, mWh.</param>
    /// <param name="Failures">The contracts that failed, with their codes.</param>
    /// <param name="Root">The interval root.</param>
    /// <param name="Entries">Each account's entry with its canonical bytes (empty when not kept).</param>
    public sealed record IntervalRecord(
        long Interval,
        long MpmPrice,
        bool MpmCleared,
        long? SpmPrice,
        long SpmVolume,
        ImmutableArray<(Hash256 Contract, string Code)> Failures,
        Hash256 Root,
        ImmutableArray<Entry> Entries)
    {
        internal static IntervalRecord Read(CborReader r, Func<long, bool>? keep)
        {
            r.ReadArrayOf(8);
            var interval = r.ReadInt64();
            var mpmPrice = r.ReadInt64();
            var cleared = r.ReadBoolean();
            long? spmPrice = null;
            if (r.PeekState() == CborReaderState.Null)
            {
                r.ReadNull();
            }
            else
            {
                spmPrice = r.ReadInt64();
            }

            var spmVolume = r.ReadInt64();
            var failureCount = r.ReadStartArray() ?? throw new CborContentException("The failures are an indefinite array.");
            var failures = ImmutableArray.CreateBuilder<(Hash256, string)>(failureCount);
            for (var k = 0; k < failureCount; k++)
            {
                r.ReadArrayOf(2);
                failures.Add((r.ReadHash(), r.ReadTextString()));
                r.ReadEndArray();
            }

            r.ReadEndArray();
            var root = r.ReadHash();
            var n = r.ReadStartArray() ?? throw new CborContentException("The entries are an indefinite array.");
            var kept = keep?.Invoke(interval) ?? true;
            var entries = ImmutableArray.CreateBuilder<Entry>(kept ? n : 0);
            for (var k = 0; k < n; k++)
            {
                var bytes = r.ReadEncodedValue();
                if (kept)
                {
                    var (account, lines) = ReadEntry(bytes);
                    entries.Add(new Entry(account, lines, bytes));
                }
            }

            r.ReadEndArray();
            r.ReadEndArray();
            return new IntervalRecord(interval, mpmPrice, cleared, spmPrice, spmVolume, failures.MoveToImmutable(), root, entries.MoveToImmutable());
        }
    }

    /// <summary>One account's entry of an interval record.</summary>
    /// <param name="Account">The account.</param>
    /// <param name="Lines">Its lines.</param>
    /// <param name="Bytes">The entry's canonical bytes (the interval root's leaf).</param>
    public sealed record Entry(string Account, ImmutableArray<JournalLine> Lines, ReadOnlyMemory<byte> Bytes);
}
