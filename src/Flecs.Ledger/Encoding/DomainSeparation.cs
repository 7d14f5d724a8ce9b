namespace Flecs.Ledger.Encoding;

/// <summary>The domain-separation prefixes hashed or signed before each format's bytes (docs/formats/encoding.md).</summary>
/// <remarks>A signature over one format can never be replayed as a signature over another: each prefix is distinct and ends in NUL.</remarks>
public static class DomainSeparation
{
    /// <summary>Prefix of the bytes a transaction's sender signs.</summary>
    public static ReadOnlySpan<byte> Transaction => "FLECS/tx/v1\0"u8;

    /// <summary>Prefix of the bytes hashed into a block hash.</summary>
    public static ReadOnlySpan<byte> BlockHeader => "FLECS/block/v1\0"u8;

    /// <summary>Prefix of the bytes a validator signs to seal a block.</summary>
    public static ReadOnlySpan<byte> Seal => "FLECS/seal/v1\0"u8;

    /// <summary>Prefix of the bytes hashed into a validator-set hash.</summary>
    public static ReadOnlySpan<byte> ValidatorSet => "FLECS/validators/v1\0"u8;
}
