using Flecs.Core.Identity;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Encoding;

namespace Flecs.Ledger.Players;

/// <summary>A player as the ledger state holds it.</summary>
/// <param name="Id">The player id.</param>
/// <param name="Role">The role.</param>
/// <param name="Mode">Active or passive.</param>
/// <param name="Status">The authorization status.</param>
/// <param name="PublicKey">The signing key (none for a passive player).</param>
/// <param name="Representative">The TradCo or AggCo that signs for a passive player.</param>
/// <param name="Sequence">The sequence number of the player's last accepted transaction (0 before the first).</param>
/// <param name="RegisteredAtHeight">The height of the block that registered the player.</param>
public sealed record PlayerRecord(
    PlayerId Id,
    PlayerRole Role,
    PlayerMode Mode,
    PlayerStatus Status,
    Ed25519PublicKey? PublicKey,
    PlayerId? Representative,
    long Sequence,
    long RegisteredAtHeight)
{
    /// <summary>The prefix of every player's state key.</summary>
    public const string KeyPrefix = "player/";

    /// <summary>The state key of a player.</summary>
    public static string StateKey(PlayerId id) => KeyPrefix + id.Value;

    /// <summary>True for roles that may represent passive players.</summary>
    public bool CanRepresent => Role is PlayerRole.TradingCompany or PlayerRole.Aggregator;

    /// <summary>Canonical CBOR of the state value.</summary>
    public byte[] Encode()
    {
        using var lease = Cbor.RentWriter();
        var w = lease.Writer;
        w.WriteStartArray(8);
        w.WritePlayerId(Id);
        w.WriteInt32((int)Role);
        w.WriteInt32((int)Mode);
        w.WriteInt32((int)Status);
        w.WriteOptionalPublicKey(PublicKey);
        w.WriteOptionalPlayerId(Representative);

        w.WriteInt64(Sequence);
        w.WriteInt64(RegisteredAtHeight);
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Decodes a state value written by <see cref="Encode"/>.</summary>
    public static PlayerRecord Decode(ReadOnlyMemory<byte> bytes)
    {
        using var lease = Cbor.RentReader(bytes);
        var r = lease.Reader;
        r.ReadArrayOf(8);
        var id = r.ReadPlayerId();
        var role = (PlayerRole)r.ReadInt32();
        var mode = (PlayerMode)r.ReadInt32();
        var status = (PlayerStatus)r.ReadInt32();
        var key = r.ReadOptionalPublicKey();
        var representative = r.ReadOptionalPlayerId();

        var sequence = r.ReadInt64();
        var registeredAt = r.ReadInt64();
        r.ReadEndOfValue();
        return new PlayerRecord(id, role, mode, status, key, representative, sequence, registeredAt);
    }
}
