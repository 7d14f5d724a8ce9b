using System.Collections.Immutable;
using System.Formats.Cbor;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Encoding;

namespace Flecs.Settlement.Meters;

/// <summary>
/// Consecutive interval readings of one meter, signed by the meter's (or gateway's) key:
/// <c>[meter, first, values, signature]</c> with <c>values = [import₀, export₀, import₁, export₁, …]</c> in mWh.
/// The signature is Ed25519 over <c>"FLECS/readings/v1\0" ‖ CBOR [chainId, meter, first, values]</c> (docs/settlement.md#readings).
/// </summary>
/// <param name="Meter">The meter id.</param>
/// <param name="First">The first interval.</param>
/// <param name="Values">Import and export per interval, interleaved.</param>
/// <param name="Signature">The meter's signature (64 bytes).</param>
public sealed record ReadingBatch(string Meter, long First, ImmutableArray<long> Values, ImmutableArray<byte> Signature)
{
    /// <summary>The most intervals in one batch (a day of 1-minute intervals).</summary>
    public const int MaxIntervals = 1_440;

    /// <summary>The number of intervals.</summary>
    public int Count => Values.Length / 2;

    /// <summary>The reading of the <paramref name="i"/>-th interval.</summary>
    public MeterReadingValue At(int i) => new(Values[2 * i], Values[(2 * i) + 1]);

    /// <summary>The bytes the meter signs.</summary>
    public static byte[] SigningMessage(string chainId, string meter, long first, IReadOnlyList<long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var w = Cbor.NewWriter();
        w.WriteStartArray(4);
        w.WriteTextString(chainId);
        w.WriteTextString(meter);
        w.WriteInt64(first);
        WriteValues(w, values);
        w.WriteEndArray();
        return [.. "FLECS/readings/v1\0"u8, .. w.Encode()];
    }

    /// <summary>Builds and signs a batch.</summary>
    public static ReadingBatch Create(string chainId, string meter, long first, IReadOnlyList<MeterReadingValue> readings, ISigner signer)
    {
        ArgumentNullException.ThrowIfNull(readings);
        ArgumentNullException.ThrowIfNull(signer);
        var values = ImmutableArray.CreateBuilder<long>(readings.Count * 2);
        foreach (var reading in readings)
        {
            values.Add(reading.Import);
            values.Add(reading.Export);
        }

        var list = values.MoveToImmutable();
        return new ReadingBatch(meter, first, list, [.. signer.Sign(SigningMessage(chainId, meter, first, list))]);
    }

    /// <summary>True when the signature verifies with <paramref name="key"/>.</summary>
    public bool Verify(string chainId, ISignatureVerifier verifier, Ed25519PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        return verifier.Verify(key, SigningMessage(chainId, Meter, First, Values), Signature.AsSpan());
    }

    /// <summary>Writes the batch.</summary>
    public void Write(CborWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartArray(4);
        w.WriteTextString(Meter);
        w.WriteInt64(First);
        WriteValues(w, Values);
        w.WriteByteString(Signature.AsSpan());
        w.WriteEndArray();
    }

    /// <summary>Reads a batch.</summary>
    public static ReadingBatch Read(CborReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        r.ReadArrayOf(4);
        var meter = r.ReadTextString();
        var first = r.ReadInt64();
        var count = r.ReadStartArray() ?? 0;
        if (count % 2 != 0 || count > 2 * MaxIntervals)
        {
            throw new CborContentException("Readings are import/export pairs, at most a day of 1-minute intervals.");
        }

        var values = ImmutableArray.CreateBuilder<long>(count);
        for (var i = 0; i < count; i++)
        {
            values.Add(r.ReadInt64());
        }

        r.ReadEndArray();
        var signature = r.ReadByteString();
        r.ReadEndArray();
        return new ReadingBatch(meter, first, values.MoveToImmutable(), [.. signature]);
    }

    private static void WriteValues(CborWriter w, IReadOnlyList<long> values)
    {
        w.WriteStartArray(values.Count);
        foreach (var v in values)
        {
            w.WriteInt64(v);
        }

        w.WriteEndArray();
    }
}
