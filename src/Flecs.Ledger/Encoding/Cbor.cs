using System.Collections.Immutable;
using System.Formats.Cbor;
using Flecs.Core.Identity;
using Flecs.Crypto.Signatures;

namespace Flecs.Ledger.Encoding;

/// <summary>Canonical CBOR helpers shared by every signed or hashed format (docs/formats/encoding.md).</summary>
/// <remarks>
/// Every format is a definite-length CBOR array written in RFC 8949 canonical mode. Decoding is
/// strict: after reading, the value is re-encoded and must equal the input byte for byte, so one
/// logical value has exactly one encoding and therefore one hash.
/// </remarks>
public static class Cbor
{
    /// <summary>
    /// The first buffer of a writer: most encodings (envelopes, records, receipts) fit in it, and larger ones grow by
    /// doubling. Left to itself a writer allocates 1,024 bytes on its first write, four times what those encodings need.
    /// </summary>
    private const int InitialWriterCapacity = 256;

    /// <summary>Writers and readers kept per thread: enough for the nesting of one encoding inside another.</summary>
    private const int PoolSize = 4;

    /// <summary>A writer that wrote more is not kept: its buffer would stay allocated for the thread's lifetime.</summary>
    private const int MaxPooledWriterBytes = 16 * 1024;

    [ThreadStatic]
    private static Stack<CborWriter>? _writers;

    [ThreadStatic]
    private static Stack<CborReader>? _readers;

    /// <summary>A writer in canonical mode.</summary>
    public static CborWriter NewWriter() => new(CborConformanceMode.Canonical, convertIndefiniteLengthEncodings: false, allowMultipleRootLevelValues: false, initialCapacity: InitialWriterCapacity);

    /// <summary>A reader in canonical mode over <paramref name="bytes"/>.</summary>
    public static CborReader NewReader(ReadOnlyMemory<byte> bytes) => new(bytes, CborConformanceMode.Canonical);

    /// <summary>A canonical writer from this thread's pool (for hot paths); dispose the lease after taking the bytes.</summary>
    public static CborWriterLease RentWriter() =>
        new(_writers is { Count: > 0 } pool ? pool.Pop() : NewWriter());

    /// <summary>A canonical reader over <paramref name="bytes"/> from this thread's pool (for hot paths); dispose the lease when done.</summary>
    public static CborReaderLease RentReader(ReadOnlyMemory<byte> bytes)
    {
        if (_readers is { Count: > 0 } pool)
        {
            var reader = pool.Pop();
            reader.Reset(bytes);
            return new(reader);
        }

        return new(NewReader(bytes));
    }

    /// <summary>Takes a writer back, unless it grew large (a settlement output) or the pool is full.</summary>
    internal static void Return(CborWriter writer)
    {
        if (writer.BytesWritten <= MaxPooledWriterBytes && (_writers ??= new(PoolSize)).Count < PoolSize)
        {
            writer.Reset();
            _writers.Push(writer);
        }
    }

    /// <summary>Takes a reader back, emptied so that it holds on to no bytes.</summary>
    internal static void Return(CborReader reader)
    {
        if ((_readers ??= new(PoolSize)).Count < PoolSize)
        {
            reader.Reset(ReadOnlyMemory<byte>.Empty);
            _readers.Push(reader);
        }
    }

    /// <summary>Writes a 32-byte hash as a byte string.</summary>
    public static void WriteHash(this CborWriter writer, Hash256 hash)
    {
        Span<byte> bytes = stackalloc byte[Hash256.Length];
        hash.CopyTo(bytes);
        writer.WriteByteString(bytes);
    }

    /// <summary>Reads a 32-byte hash written by <see cref="WriteHash"/>.</summary>
    public static Hash256 ReadHash(this CborReader reader)
    {
        var bytes = reader.ReadByteString();
        return bytes.Length == Hash256.Length ? new Hash256(bytes) : throw new CborContentException("A hash is 32 bytes.");
    }

    /// <summary>Writes a public key as a byte string.</summary>
    public static void WritePublicKey(this CborWriter writer, Ed25519PublicKey key) => writer.WriteByteString(key.AsSpan());

    /// <summary>Reads a public key written by <see cref="WritePublicKey"/>.</summary>
    public static Ed25519PublicKey ReadPublicKey(this CborReader reader)
    {
        var bytes = reader.ReadByteString();
        return bytes.Length == Ed25519PublicKey.Length ? new Ed25519PublicKey(bytes) : throw new CborContentException("A public key is 32 bytes.");
    }

    /// <summary>Writes a public key, or CBOR null.</summary>
    public static void WriteOptionalPublicKey(this CborWriter writer, Ed25519PublicKey? key)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (key is { } value)
        {
            writer.WritePublicKey(value);
        }
        else
        {
            writer.WriteNull();
        }
    }

    /// <summary>Reads a public key or CBOR null.</summary>
    public static Ed25519PublicKey? ReadOptionalPublicKey(this CborReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.PeekState() == CborReaderState.Null)
        {
            reader.ReadNull();
            return null;
        }

        return reader.ReadPublicKey();
    }

    /// <summary>Writes a player id, or CBOR null.</summary>
    public static void WriteOptionalPlayerId(this CborWriter writer, PlayerId? id)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (id is { } value)
        {
            writer.WritePlayerId(value);
        }
        else
        {
            writer.WriteNull();
        }
    }

    /// <summary>Reads a player id or CBOR null.</summary>
    public static PlayerId? ReadOptionalPlayerId(this CborReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (reader.PeekState() == CborReaderState.Null)
        {
            reader.ReadNull();
            return null;
        }

        return reader.ReadPlayerId();
    }

    /// <summary>Writes a player id as a text string.</summary>
    public static void WritePlayerId(this CborWriter writer, PlayerId id) => writer.WriteTextString(id.Value);

    /// <summary>Reads a player id; rejects text that is not a valid id.</summary>
    public static PlayerId ReadPlayerId(this CborReader reader)
    {
        var text = reader.ReadTextString();
        return PlayerId.TryParse(text, out var id) ? id : throw new CborContentException($"'{text}' is not a player id.");
    }

    /// <summary>Writes a definite-length array of text strings.</summary>
    public static void WriteTextArray(this CborWriter writer, IReadOnlyCollection<string> items)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(items);
        writer.WriteStartArray(items.Count);
        foreach (var item in items)
        {
            writer.WriteTextString(item);
        }

        writer.WriteEndArray();
    }

    /// <summary>Reads an array written by <see cref="WriteTextArray"/>.</summary>
    public static ImmutableArray<string> ReadTextArray(this CborReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var count = reader.ReadStartArray() ?? 0;
        var items = ImmutableArray.CreateBuilder<string>(count);
        for (var i = 0; i < count; i++)
        {
            items.Add(reader.ReadTextString());
        }

        reader.ReadEndArray();
        return items.MoveToImmutable();
    }

    /// <summary>Reads an unsigned integer that must fit a non-negative <see cref="long"/>.</summary>
    public static long ReadNonNegative(this CborReader reader)
    {
        var value = reader.ReadUInt64();
        return value <= long.MaxValue ? (long)value : throw new CborContentException("The integer is out of range.");
    }

    /// <summary>Reads the start of a definite-length array and checks its length.</summary>
    public static void ReadArrayOf(this CborReader reader, int expectedLength)
    {
        var length = reader.ReadStartArray();
        if (length != expectedLength)
        {
            throw new CborContentException($"Expected an array of {expectedLength} items, found {length?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "indefinite"}.");
        }
    }

    /// <summary>Reads the end of an array and checks that nothing follows the top-level value.</summary>
    public static void ReadEndOfValue(this CborReader reader)
    {
        reader.ReadEndArray();
        if (reader.BytesRemaining != 0)
        {
            throw new CborContentException("Trailing bytes after the value.");
        }
    }

    /// <summary>Runs a decoder and converts any CBOR or format exception into <c>false</c>.</summary>
    public static bool TryDecode<T>(ReadOnlyMemory<byte> bytes, Func<CborReader, T> decode, Func<T, byte[]> encode, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? value)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(decode);
        ArgumentNullException.ThrowIfNull(encode);
        value = null;
        try
        {
            using var lease = RentReader(bytes);
            var decoded = decode(lease.Reader);
            if (!encode(decoded).AsSpan().SequenceEqual(bytes.Span))
            {
                return false;
            }

            value = decoded;
            return true;
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or FormatException or ArgumentException or OverflowException)
        {
            return false;
        }
    }
}
