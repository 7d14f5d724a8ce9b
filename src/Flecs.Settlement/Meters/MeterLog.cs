using Flecs.Ledger.Encoding;

namespace Flecs.Settlement.Meters;

/// <summary>
/// What the ledger keeps between closes for one meter, under <c>readings/&lt;id&gt;</c> (docs/settlement.md#vee):
/// <c>[lastImport, lastExport, pending, estimates, corrections]</c>. Pending actual readings wait for their
/// interval's close; estimates wait for a late actual reading until the late window passes; corrections (late
/// actuals that replaced an estimate) wait for the next close, which re-settles them. Lists ascend by interval.
/// </summary>
public sealed class MeterLog
{
    /// <summary>The meter's last actual import (mWh): the estimate of an interval closed without a reading.</summary>
    public long LastImport { get; set; }

    /// <summary>The meter's last actual export (mWh).</summary>
    public long LastExport { get; set; }

    /// <summary>Actual readings of intervals not closed yet.</summary>
    public SortedDictionary<long, MeterReadingValue> Pending { get; } = [];

    /// <summary>Intervals closed with an estimate, still open to their actual reading.</summary>
    public SortedDictionary<long, EstimateEntry> Estimates { get; } = [];

    /// <summary>Late actual readings that replaced an estimate, to re-settle at the next close.</summary>
    public List<CorrectionEntry> Corrections { get; } = [];

    /// <summary>The state key of a meter's log.</summary>
    public static string StateKey(string meterId) => "readings/" + meterId;

    /// <summary>True when nothing is kept but the last reading.</summary>
    public bool IsIdle => Pending.Count == 0 && Estimates.Count == 0 && Corrections.Count == 0;

    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(5);
        w.WriteInt64(LastImport);
        w.WriteInt64(LastExport);
        w.WriteStartArray(Pending.Count);
        foreach (var (interval, value) in Pending)
        {
            w.WriteStartArray(3);
            w.WriteInt64(interval);
            w.WriteInt64(value.Import);
            w.WriteInt64(value.Export);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteStartArray(Estimates.Count);
        foreach (var (interval, e) in Estimates)
        {
            w.WriteStartArray(5);
            w.WriteInt64(interval);
            w.WriteInt64(e.Import);
            w.WriteInt64(e.Export);
            w.WriteInt64(e.MpmPrice);
            w.WriteInt64(e.Residual);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteStartArray(Corrections.Count);
        foreach (var c in Corrections)
        {
            w.WriteStartArray(6);
            w.WriteInt64(c.Interval);
            w.WriteInt64(c.Import);
            w.WriteInt64(c.Export);
            w.WriteInt64(c.DeltaNet);
            w.WriteInt64(c.MpmPrice);
            w.WriteInt64(c.Residual);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Decodes a stored log.</summary>
    public static MeterLog Decode(ReadOnlyMemory<byte> bytes)
    {
        var r = Cbor.NewReader(bytes);
        r.ReadArrayOf(5);
        var log = new MeterLog { LastImport = r.ReadInt64(), LastExport = r.ReadInt64() };
        var count = r.ReadStartArray() ?? 0;
        for (var i = 0; i < count; i++)
        {
            r.ReadArrayOf(3);
            log.Pending.Add(r.ReadInt64(), new MeterReadingValue(r.ReadInt64(), r.ReadInt64()));
            r.ReadEndArray();
        }

        r.ReadEndArray();
        count = r.ReadStartArray() ?? 0;
        for (var i = 0; i < count; i++)
        {
            r.ReadArrayOf(5);
            log.Estimates.Add(r.ReadInt64(), new EstimateEntry(r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64()));
            r.ReadEndArray();
        }

        r.ReadEndArray();
        count = r.ReadStartArray() ?? 0;
        for (var i = 0; i < count; i++)
        {
            r.ReadArrayOf(6);
            log.Corrections.Add(new CorrectionEntry(r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64()));
            r.ReadEndArray();
        }

        r.ReadEndArray();
        r.ReadEndOfValue();
        return log;
    }
}
