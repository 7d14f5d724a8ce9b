using System.Formats.Cbor;
using Flecs.Core.Identity;
using Flecs.Ledger.Encoding;

namespace Flecs.Contracts.Lifecycle;

/// <summary>Payload of <c>decertify-template</c>: <c>[templateHash, reason]</c>.</summary>
/// <param name="TemplateHash">The template's code hash.</param>
/// <param name="Reason">Why, for the record.</param>
public sealed record TemplateActionPayload(Hash256 TemplateHash, string Reason)
{
    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(2);
        w.WriteHash(TemplateHash);
        w.WriteTextString(Reason);
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Reads the payload.</summary>
    public static TemplateActionPayload Read(CborReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        r.ReadArrayOf(2);
        var payload = new TemplateActionPayload(r.ReadHash(), r.ReadTextString());
        r.ReadEndOfValue();
        return payload.Reason.Length <= 256 ? payload : throw new CborContentException("A reason is at most 256 characters.");
    }
}
