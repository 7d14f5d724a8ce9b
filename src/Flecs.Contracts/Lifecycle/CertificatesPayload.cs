using System.Formats.Cbor;
using Flecs.Core.Identity;
using Flecs.Ledger.Encoding;

namespace Flecs.Contracts.Lifecycle;

/// <summary>Payload of <c>transfer-certificates</c> (<c>[to, count, ""]</c>) and <c>retire-certificates</c> (<c>[null, count, claim]</c>).</summary>
/// <param name="To">The receiver of a transfer; null for a retirement.</param>
/// <param name="Count">Whole certificates, ≥ 1.</param>
/// <param name="Claim">What a retirement claims (e.g. "2026 electricity of site X"); empty for a transfer.</param>
public sealed record CertificatesPayload(PlayerId? To, long Count, string Claim)
{
    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(3);
        w.WriteOptionalPlayerId(To);
        w.WriteInt64(Count);
        w.WriteTextString(Claim);
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Reads the payload.</summary>
    public static CertificatesPayload Read(CborReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        r.ReadArrayOf(3);
        var payload = new CertificatesPayload(r.ReadOptionalPlayerId(), r.ReadNonNegative(), r.ReadTextString());
        r.ReadEndOfValue();
        return payload is { Count: >= 1, Claim.Length: <= 256 } ? payload : throw new CborContentException("Count ≥ 1 and a claim of at most 256 characters.");
    }
}
