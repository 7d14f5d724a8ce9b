using System.Formats.Cbor;
using Flecs.Ledger.Encoding;

namespace Flecs.Settlement.Close;

/// <summary>One journal line of an account: <c>[kind, reference, energy, money, certificates]</c> (mWh, µ, certificates; positive = received).</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Reference">The contract id, level or interval it refers to; empty when none.</param>
/// <param name="Energy">mWh received (negative: delivered).</param>
/// <param name="Money">µ received (negative: paid).</param>
/// <param name="Certificates">Certificates received (negative: given).</param>
public readonly record struct JournalLine(LineKind Kind, string Reference, long Energy, long Money, long Certificates)
{
    /// <summary>
    /// The reference under which the line is summed in billing totals and invoices (docs/settlement.md#billing): its own
    /// reference, except for <see cref="LineKind.Correction"/> and <see cref="LineKind.MeteredCorrection"/>, whose
    /// per-interval references stay in the interval records and are summed under <c>""</c>, so an account's totals keep
    /// a bounded number of lines however many intervals are corrected.
    /// </summary>
    public string BillingReference => Kind is LineKind.Correction or LineKind.MeteredCorrection ? string.Empty : Reference;

    /// <summary>The line's key in an account: kind, then reference (ordinal).</summary>
    public static int Compare(JournalLine a, JournalLine b)
    {
        var c = a.Kind.CompareTo(b.Kind);
        return c != 0 ? c : string.CompareOrdinal(a.Reference, b.Reference);
    }

    /// <summary>Writes the line.</summary>
    public void Write(CborWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartArray(5);
        w.WriteInt32((int)Kind);
        w.WriteTextString(Reference);
        w.WriteInt64(Energy);
        w.WriteInt64(Money);
        w.WriteInt64(Certificates);
        w.WriteEndArray();
    }

    /// <summary>Reads a line.</summary>
    public static JournalLine Read(CborReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        r.ReadArrayOf(5);
        var line = new JournalLine((LineKind)r.ReadInt32(), r.ReadTextString(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64());
        r.ReadEndArray();
        return line;
    }
}
