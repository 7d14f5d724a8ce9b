using CsCheck;
using Flecs.Core.Identity;
using Flecs.Core.Time;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Blocks;
using Flecs.Ledger.Genesis;
using Flecs.Ledger.Players;
using Flecs.Ledger.Registry;

namespace Flecs.Ledger.Tests.Encoding;

/// <summary>CsCheck generators of the ledger's encoded values.</summary>
internal static class LedgerGen
{
    private const string IdFirst = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static Gen<PlayerId> PlayerId { get; } =
        Gen.Char[IdFirst].Select(Gen.Char[IdFirst + "-._"].Array[0, 63], (first, rest) => Core.Identity.PlayerId.Parse(first + new string(rest)));

    /// <summary>Text of <paramref name="min"/>–<paramref name="max"/> characters: ASCII, Latin-1, BMP and astral (one astral character is two UTF-16 chars).</summary>
    public static Gen<string> Text(int min, int max) =>
        Gen.OneOf(Gen.Char[' ', '~'].Select(c => c.ToString()), Gen.Const("ä"), Gen.Const("€"), Gen.Const("漢"), Gen.Const("😀"))
            .Array[min, max]
            .Select(parts => string.Concat(parts));

    public static Gen<Hash256> Hash { get; } = Gen.Byte.Array[32].Select(b => new Hash256(b));

    public static Gen<Ed25519PublicKey> PublicKey { get; } = Gen.Byte.Array[32].Select(b => new Ed25519PublicKey(b));

    public static Gen<long> NonNegativeLong { get; } = Gen.OneOf(Gen.Long[0, 1_000], Gen.Long[0, long.MaxValue], Gen.Const(long.MaxValue));

    public static Gen<long> AnyLong { get; } = Gen.OneOf(Gen.Long, Gen.Const(long.MinValue), Gen.Const(long.MaxValue), Gen.Long[-1_000, 1_000]);

    public static Gen<byte[]> Payload { get; } = Gen.Byte.Array[0, 300];

    public static Gen<BlockHeader> Header { get; } =
        Gen.Select(Text(0, 70), NonNegativeLong, Hash, AnyLong, Hash, Hash, Hash, Hash)
            .Select(Text(0, 70), Gen.Int, (h, sealer, count) => new BlockHeader
            {
                ChainId = h.Item1,
                Height = h.Item2,
                PreviousHash = h.Item3,
                TimestampMs = h.Item4,
                TransactionsRoot = h.Item5,
                ReceiptsRoot = h.Item6,
                HistoryRoot = h.Item7,
                ValidatorSetHash = h.Item8,
                SealerId = sealer,
                TransactionCount = count,
            });

    public static Gen<Receipt> AnyReceipt { get; } =
        Gen.Select(Hash, Gen.Bool, Text(1, 60), (id, accepted, code) => accepted ? Receipt.Accepted(id) : Receipt.Rejected(id, code));

    public static Gen<GenesisConfig> Genesis { get; } =
        Gen.Select(Text(1, 64).Where(t => t.Length <= 64 && !string.IsNullOrWhiteSpace(t)), Gen.Char['A', 'Z'].Array[3], AnyLong, Gen.OneOf(Gen.Const(1), Gen.Const(5), Gen.Const(15), Gen.Const(60)), PlayerId, PublicKey)
            .Select(
                Gen.Select(PlayerId, PublicKey).Array[1, 6],
                Gen.Int[256, 1 << 20].SelectMany(tx => Gen.Select(Gen.Int[1, 100_000], Gen.Int[tx, int.MaxValue], (count, bytes) => new LedgerLimits(tx, count, bytes))),
                (g, validators, limits) => new GenesisConfig
                {
                    ChainId = g.Item1,
                    Currency = new string(g.Item2),
                    TimestampMs = g.Item3,
                    IntervalLength = IntervalLength.FromMinutes(g.Item4),
                    SupervisingAuthorityId = g.Item5,
                    SupervisingAuthorityKey = g.Item6,
                    Validators = [.. validators.Where(v => v.Item1 != g.Item5).DistinctBy(v => v.Item1).OrderBy(v => v.Item1).Select(v => new ValidatorInfo(v.Item1, v.Item2))],
                    Limits = limits,
                })
            .Where(g => !g.Validators.IsEmpty);

    public static Gen<RegisterPlayerPayload> Register { get; } =
        Gen.Select(PlayerId, Gen.Enum<PlayerRole>(), Gen.Enum<PlayerMode>(), PublicKey.Null(), PlayerId.Null(),
            (id, role, mode, key, rep) => new RegisterPlayerPayload(id, role, mode, key, rep));

    public static Gen<PlayerActionPayload> Action { get; } =
        Gen.Select(PlayerId, Text(0, PlayerActionPayload.MaxReasonLength / 2), (id, reason) => new PlayerActionPayload(id, reason));

    public static Gen<PlayerKeyPayload> Key { get; } = Gen.Select(PlayerId, PublicKey, (id, key) => new PlayerKeyPayload(id, key));

    public static Gen<AnchorDocumentPayload> Anchor { get; } = Gen.Select(Hash, Text(1, 32), (hash, kind) => new AnchorDocumentPayload(hash, kind));

    public static Gen<PlayerRecord> Player { get; } =
        Gen.Select(PlayerId, Gen.Enum<PlayerRole>(), Gen.Enum<PlayerMode>(), Gen.Enum<PlayerStatus>(), PublicKey.Null(), PlayerId.Null(), NonNegativeLong, NonNegativeLong)
            .Select(p => new PlayerRecord(p.Item1, p.Item2, p.Item3, p.Item4, p.Item5, p.Item6, p.Item7, p.Item8));

    private static Gen<T?> Null<T>(this Gen<T> gen)
        where T : struct =>
        Gen.Bool.SelectMany(isNull => isNull ? Gen.Const(default(T?)) : gen.Select(v => (T?)v));
}
