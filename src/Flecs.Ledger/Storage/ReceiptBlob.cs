using System.IO.Compression;
namespace Flecs.Ledger.Storage;

/// <summary>
/// How a store adapter keeps a receipt (docs/formats/sqlite-store.md#receipts; the PostgreSQL store uses the same bytes): as its canonical encoding, or — when that is at
/// least <see cref="CompressFrom"/> bytes and Brotli makes it smaller — as <c>0x00 ‖ brotli(encoding)</c>. A canonical
/// receipt starts with a CBOR array header, never 0x00, so the two forms cannot be confused. Compression is storage
/// only: hashes, roots and proofs always use the canonical bytes.
/// </summary>
public static class ReceiptBlob
{
    /// <summary>The smallest receipt worth compressing (settlement close outputs are kilobytes to megabytes).</summary>
    public const int CompressFrom = 1_024;

    /// <summary>The largest receipt a stored blob may expand to.</summary>
    public const int MaxReceiptBytes = 256 * 1024 * 1024;

    private const byte CompressedMarker = 0x00;

    /// <summary>The stored form of a receipt's canonical bytes.</summary>
    public static byte[] Pack(byte[] receipt)
    {
        if (receipt.Length < CompressFrom)
        {
            return receipt;
        }

        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(receipt.Length) + 1];
        if (BrotliEncoder.TryCompress(receipt, buffer.AsSpan(1), out var written, quality: 5, window: 22) && written + 1 < receipt.Length)
        {
            buffer[0] = CompressedMarker;
            return buffer[..(written + 1)];
        }

        return receipt;
    }

    /// <summary>The canonical bytes of a stored receipt.</summary>
    /// <exception cref="LedgerStoreException">A compressed blob does not decompress within <see cref="MaxReceiptBytes"/>.</exception>
    public static byte[] Unpack(byte[] blob)
    {
        if (blob.Length == 0 || blob[0] != CompressedMarker)
        {
            return blob;
        }

        try
        {
            return Expand(blob);
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException)
        {
            throw new LedgerStoreException("A stored receipt is not valid compressed data: " + ex.Message, ex);
        }
    }

    private static byte[] Expand(byte[] blob)
    {
        using var input = new MemoryStream(blob, 1, blob.Length - 1, writable: false);
        using var brotli = new BrotliStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = brotli.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (output.Length + read > MaxReceiptBytes)
            {
                throw new LedgerStoreException("A stored receipt expands beyond the limit.");
            }

            output.Write(chunk, 0, read);
        }

        return output.ToArray();
    }
}
