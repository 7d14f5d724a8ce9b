using System.Collections.Immutable;
using System.Formats.Cbor;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Ledger.Encoding;

namespace Flecs.Ledger.Proofs;

/// <summary>Shared encoding of proof files and their decoding by tag.</summary>
public static class ProofEncoding
{
    /// <summary>The code of a proof that does not verify.</summary>
    public const string InvalidProof = "ledger.proof.invalid";

    /// <summary>The code of a proof file that does not decode.</summary>
    public const string MalformedProof = "ledger.proof.malformed";

    /// <summary>Decodes a proof file into a <see cref="TransactionProof"/> or a <see cref="ConsistencyProof"/>.</summary>
    public static Result<object> Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            var r = Cbor.NewReader(bytes);
            var length = r.ReadStartArray();
            var tag = r.ReadTextString();
            object proof;
            switch (tag)
            {
                case TransactionProof.Tag when length == 12:
                    proof = TransactionProof.ReadBody(r);
                    break;
                case ConsistencyProof.Tag when length == 9:
                    proof = ConsistencyProof.ReadBody(r);
                    break;
                default:
                    return Result<object>.Fail(MalformedProof, $"Unknown proof kind '{tag}'.");
            }

            r.ReadEndOfValue();
            return proof;
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            return Result<object>.Fail(MalformedProof, "The proof file is not a FLECS proof: " + ex.Message);
        }
    }

    internal static void WritePath(CborWriter w, ImmutableArray<Hash256> path)
    {
        w.WriteStartArray(path.Length);
        foreach (var hash in path)
        {
            w.WriteHash(hash);
        }

        w.WriteEndArray();
    }

    internal static ImmutableArray<Hash256> ReadPath(CborReader r)
    {
        var count = r.ReadStartArray() ?? throw new CborContentException("Indefinite arrays are not canonical.");
        var builder = ImmutableArray.CreateBuilder<Hash256>(count);
        for (var i = 0; i < count; i++)
        {
            builder.Add(r.ReadHash());
        }

        r.ReadEndArray();
        return builder.MoveToImmutable();
    }

    internal static void WriteByteStrings(CborWriter w, ImmutableArray<byte[]> items)
    {
        w.WriteStartArray(items.Length);
        foreach (var item in items)
        {
            w.WriteByteString(item);
        }

        w.WriteEndArray();
    }

    internal static ImmutableArray<byte[]> ReadByteStrings(CborReader r)
    {
        var count = r.ReadStartArray() ?? throw new CborContentException("Indefinite arrays are not canonical.");
        var builder = ImmutableArray.CreateBuilder<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            builder.Add(r.ReadByteString());
        }

        r.ReadEndArray();
        return builder.MoveToImmutable();
    }
}
