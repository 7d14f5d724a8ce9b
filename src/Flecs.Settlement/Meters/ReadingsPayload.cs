using System.Collections.Immutable;
using System.Formats.Cbor;
using Flecs.Ledger.Encoding;

namespace Flecs.Settlement.Meters;

/// <summary>Payload of <c>submit-readings</c>: <c>[batch…]</c>, one or more meters' signed reading batches.</summary>
/// <param name="Batches">The batches.</param>
public sealed record ReadingsPayload(ImmutableArray<ReadingBatch> Batches)
{
    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(Batches.Length);
        foreach (var b in Batches)
        {
            b.Write(w);
        }

        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Reads the payload.</summary>
    public static ReadingsPayload Read(CborReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var count = r.ReadStartArray() ?? 0;
        var batches = ImmutableArray.CreateBuilder<ReadingBatch>(count);
        for (var i = 0; i < count; i++)
        {
            batches.Add(ReadingBatch.Read(r));
        }

        r.ReadEndOfValue();
        return new ReadingsPayload(batches.MoveToImmutable());
    }
}
