using Flecs.Core.Identity;
using Flecs.Ledger.Encoding;

namespace Flecs.Contracts.Lifecycle;

/// <summary>A player's green certificates under <c>certificates/&lt;player&gt;</c>: <c>[held, retired]</c> (1 certificate = 1 MWh of metered renewable output).</summary>
/// <param name="Held">Certificates held.</param>
/// <param name="Retired">Certificates retired with a claim (cumulative).</param>
public sealed record CertificateAccount(long Held, long Retired)
{
    /// <summary>The state key of a player's account.</summary>
    public static string StateKey(PlayerId player) => "certificates/" + player.Value;

    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(2);
        w.WriteInt64(Held);
        w.WriteInt64(Retired);
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Decodes a stored account.</summary>
    public static CertificateAccount Decode(ReadOnlyMemory<byte> bytes)
    {
        var r = Cbor.NewReader(bytes);
        r.ReadArrayOf(2);
        var account = new CertificateAccount(r.ReadInt64(), r.ReadInt64());
        r.ReadEndOfValue();
        return account;
    }
}
