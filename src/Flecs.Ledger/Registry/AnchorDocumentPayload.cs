using System.Formats.Cbor;
using Flecs.Core.Identity;
using Flecs.Ledger.Encoding;

namespace Flecs.Ledger.Registry;

/// <summary>Payload of <c>anchor-document</c>: <c>[sha256, kind]</c>. Records that the sender held a document with this hash at this height.</summary>
/// <param name="DocumentHash">SHA-256 of the off-ledger document.</param>
/// <param name="Kind">What the document is (e.g. <c>agreement</c>, <c>plan</c>), 1–64 characters.</param>
public sealed record AnchorDocumentPayload(Hash256 DocumentHash, string Kind)
{
    /// <summary>The state key of an anchored document.</summary>
    public static string StateKey(Hash256 hash) => "document/" + hash.ToString();

    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        using var lease = Cbor.RentWriter();
        var w = lease.Writer;
        w.WriteStartArray(2);
        w.WriteHash(DocumentHash);
        w.WriteTextString(Kind);
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Reads the payload.</summary>
    public static AnchorDocumentPayload Read(CborReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        r.ReadArrayOf(2);
        var hash = r.ReadHash();
        var kind = r.ReadTextString();
        r.ReadEndOfValue();
        return kind.Length is >= 1 and <= 64 ? new AnchorDocumentPayload(hash, kind) : throw new CborContentException("The kind must be 1–64 characters.");
    }
}
