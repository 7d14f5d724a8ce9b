using System.Formats.Cbor;
using Flecs.Ledger.Encoding;

namespace Flecs.Ledger.Storage;

/// <summary>
/// One block's state writes as a store keeps them in its write log (docs/formats/sqlite-store.md#state-log): the
/// canonical CBOR array <c>[[key, value], …]</c> in ordinal key order, a deletion's value being CBOR null.
/// </summary>
/// <remarks>
/// A store that appends this instead of updating its state table in place writes each block sequentially, whatever
/// keys the block touches; the verifier compares the stored log of every block with the writes re-execution produces.
/// </remarks>
public static class StateWriteLog
{
    /// <summary>A writer that wrote more is not kept for the next block (a settlement close's log is megabytes).</summary>
    private const int MaxKeptWriterBytes = 4 * 1024 * 1024;

    /// <summary>
    /// The writer of this thread's last log entry, kept with its buffer: an entry is often hundreds of kilobytes, and
    /// growing a fresh writer to that size on every block made large-object allocations that set off full collections.
    /// </summary>
    [ThreadStatic]
    private static CborWriter? _writer;

    /// <summary>The log entry of <paramref name="writes"/> (ordered by key, ordinal, as a block outcome gives them).</summary>
    public static byte[] Encode(IReadOnlyList<KeyValuePair<string, byte[]?>> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var writer = _writer ?? Cbor.NewWriter();
        _writer = null;
        writer.Reset();
        writer.WriteStartArray(writes.Count);
        string? previous = null;
        foreach (var (key, value) in writes)
        {
            if (previous is not null && string.CompareOrdinal(previous, key) >= 0)
            {
                throw new ArgumentException($"State writes must be ordered by key without repeats; '{key}' follows '{previous}'.", nameof(writes));
            }

            previous = key;
            writer.WriteStartArray(2);
            writer.WriteTextString(key);
            if (value is null)
            {
                writer.WriteNull();
            }
            else
            {
                writer.WriteByteString(value);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        var encoded = writer.Encode();
        if (writer.BytesWritten <= MaxKeptWriterBytes)
        {
            writer.Reset();
            _writer = writer;
        }

        return encoded;
    }

    /// <summary>Decodes a log entry strictly (canonical, keys strictly ascending) and applies it to <paramref name="state"/>.</summary>
    /// <exception cref="LedgerStoreException">The bytes are not a log entry.</exception>
    public static void ApplyTo(ReadOnlyMemory<byte> entry, IDictionary<string, byte[]> state)
    {
        ArgumentNullException.ThrowIfNull(state);
        try
        {
            var reader = Cbor.NewReader(entry);
            var count = reader.ReadStartArray() ?? throw new CborContentException("Indefinite-length array.");
            string? previous = null;
            for (var i = 0; i < count; i++)
            {
                reader.ReadArrayOf(2);
                var key = reader.ReadTextString();
                if (previous is not null && string.CompareOrdinal(previous, key) >= 0)
                {
                    throw new CborContentException($"Key '{key}' is out of order.");
                }

                previous = key;
                if (reader.PeekState() == CborReaderState.Null)
                {
                    reader.ReadNull();
                    state.Remove(key);
                }
                else
                {
                    state[key] = reader.ReadByteString();
                }

                reader.ReadEndArray();
            }

            reader.ReadEndOfValue();
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or FormatException)
        {
            throw new LedgerStoreException("A stored state log entry is not valid: " + ex.Message, ex);
        }
    }
}
