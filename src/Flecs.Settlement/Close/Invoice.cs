using System.Collections.Immutable;
using System.Formats.Cbor;
using Flecs.Core.Identity;
using Flecs.Ledger.Encoding;

namespace Flecs.Settlement.Close;

/// <summary>
/// One account's invoice for a billing period, under <c>invoice/&lt;account&gt;/&lt;period&gt;</c> and in the closing receipt:
/// <c>[account, period, first, end, lines, root, intervals]</c> (docs/settlement.md#invoices). <see cref="Root"/> is the RFC 9162
/// root over the period's interval leaves <c>[interval, intervalRoot]</c>, so any line of any interval can be proven against it.
/// </summary>
/// <param name="Account">A player id, or <c>@mpm</c> (the interface account).</param>
/// <param name="Period">The billing period number.</param>
/// <param name="First">The first interval settled in the period.</param>
/// <param name="End">The first interval after the period.</param>
/// <param name="Lines">The period's lines, summed by kind and reference.</param>
/// <param name="Root">The period root.</param>
/// <param name="Intervals">The number of intervals (leaves) under the root.</param>
public sealed record Invoice(string Account, long Period, long First, long End, ImmutableArray<JournalLine> Lines, Hash256 Root, long Intervals)
{
    /// <summary>The state key of an invoice.</summary>
    public static string StateKey(string account, long period) => $"invoice/{account}/{period.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The total money (positive: the account receives).</summary>
    public long Total => Lines.Sum(l => l.Money);

    /// <summary>Writes the invoice.</summary>
    public void Write(CborWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartArray(7);
        w.WriteTextString(Account);
        w.WriteInt64(Period);
        w.WriteInt64(First);
        w.WriteInt64(End);
        w.WriteStartArray(Lines.Length);
        foreach (var line in Lines)
        {
            line.Write(w);
        }

        w.WriteEndArray();
        w.WriteHash(Root);
        w.WriteInt64(Intervals);
        w.WriteEndArray();
    }

    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        Write(w);
        return w.Encode();
    }

    /// <summary>Reads an invoice.</summary>
    public static Invoice Read(CborReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        r.ReadArrayOf(7);
        var account = r.ReadTextString();
        var period = r.ReadInt64();
        var first = r.ReadInt64();
        var end = r.ReadInt64();
        var count = r.ReadStartArray() ?? 0;
        var lines = ImmutableArray.CreateBuilder<JournalLine>(count);
        for (var i = 0; i < count; i++)
        {
            lines.Add(JournalLine.Read(r));
        }

        r.ReadEndArray();
        var invoice = new Invoice(account, period, first, end, lines.MoveToImmutable(), r.ReadHash(), r.ReadInt64());
        r.ReadEndArray();
        return invoice;
    }

    /// <summary>Decodes a stored invoice.</summary>
    public static Invoice Decode(ReadOnlyMemory<byte> bytes)
    {
        var r = Cbor.NewReader(bytes);
        var invoice = Read(r);
        return r.BytesRemaining == 0 ? invoice : throw new CborContentException("Trailing bytes after the invoice.");
    }
}
