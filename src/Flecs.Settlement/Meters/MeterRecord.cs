using System.Formats.Cbor;
using Flecs.Core.Identity;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Encoding;
using Flecs.Market.Interface;
using Flecs.Settlement.Config;

namespace Flecs.Settlement.Meters;

/// <summary>
/// A registered meter under <c>meter/&lt;id&gt;</c>; the <c>register-meter</c> payload is the same CBOR:
/// <c>[id, owner, signer, zone, level, kind, renewable, maxPowerWatts, firstInterval]</c> (docs/settlement.md#meters).
/// </summary>
/// <param name="Id">The meter id.</param>
/// <param name="Owner">The player whose connection it measures.</param>
/// <param name="Signer">The key that signs its readings: the meter's own, or the gateway's that reads it.</param>
/// <param name="Zone">The grid zone or connection point.</param>
/// <param name="Level">The connection level (grid fees).</param>
/// <param name="Kind">Consumption, production or bidirectional.</param>
/// <param name="Renewable">True when it measures a renewable source (certificates).</param>
/// <param name="MaxPowerWatts">The physical limit of the connection: no interval may exceed this power.</param>
/// <param name="FirstInterval">The first interval it is read for.</param>
public sealed record MeterRecord(
    string Id,
    PlayerId Owner,
    Ed25519PublicKey Signer,
    string Zone,
    GridLevel Level,
    MeterKind Kind,
    bool Renewable,
    long MaxPowerWatts,
    long FirstInterval)
{
    /// <summary>The largest connection limit: 10 GW.</summary>
    public const long MaxLimitWatts = 10_000_000_000;

    /// <summary>The state key of a meter.</summary>
    public static string StateKey(string id) => "meter/" + id;

    /// <summary>True when <paramref name="milliwattHours"/> in one interval of <paramref name="intervalSeconds"/> stays within the connection limit (exact: mWh × 3.6 ≤ W × s).</summary>
    public bool WithinLimit(long milliwattHours, long intervalSeconds) =>
        (Int128)milliwattHours * 36 <= (Int128)MaxPowerWatts * intervalSeconds * 10;

    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(9);
        w.WriteTextString(Id);
        w.WritePlayerId(Owner);
        w.WritePublicKey(Signer);
        w.WriteTextString(Zone);
        w.WriteInt32((int)Level);
        w.WriteInt32((int)Kind);
        w.WriteBoolean(Renewable);
        w.WriteInt64(MaxPowerWatts);
        w.WriteInt64(FirstInterval);
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Reads a record.</summary>
    public static MeterRecord Read(CborReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        r.ReadArrayOf(9);
        var id = r.ReadTextString();
        var owner = r.ReadPlayerId();
        var signer = r.ReadPublicKey();
        var zone = r.ReadTextString();
        var level = SettlementConfig.ReadLevel(r);
        var kind = r.ReadInt32();
        if (kind is < 1 or > 3)
        {
            throw new CborContentException("A meter kind is 1, 2 or 3.");
        }

        var record = new MeterRecord(id, owner, signer, zone, level, (MeterKind)kind, r.ReadBoolean(), r.ReadInt64(), r.ReadInt64());
        r.ReadEndOfValue();
        return record;
    }

    /// <summary>Decodes a stored record.</summary>
    public static MeterRecord Decode(ReadOnlyMemory<byte> bytes) => Read(Cbor.NewReader(bytes));
}
