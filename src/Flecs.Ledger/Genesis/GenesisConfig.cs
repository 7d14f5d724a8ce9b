using System.Collections.Immutable;
using System.Formats.Cbor;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Core.Time;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Encoding;

namespace Flecs.Ledger.Genesis;

/// <summary>The chain's founding document: chain id, currency, the SA root key, the first validator set, interval length and limits.</summary>
/// <remarks>
/// The genesis file is the trust anchor that a small device keeps: with it alone, it verifies
/// transaction and consistency proofs. Its canonical CBOR bytes are leaf 0 of block 0, so the genesis
/// block hash commits to it. Format: docs/formats/genesis.md.
/// </remarks>
public sealed record GenesisConfig
{
    /// <summary>The format version written by this code.</summary>
    public const int FormatVersion = 1;

    /// <summary>The chain id; every transaction names it so that it cannot be replayed on another chain.</summary>
    public required string ChainId { get; init; }

    /// <summary>ISO 4217 code of the currency that <see cref="Core.Units.Money"/> counts in micro-units.</summary>
    public required string Currency { get; init; }

    /// <summary>The genesis timestamp in milliseconds since the Unix epoch.</summary>
    public required long TimestampMs { get; init; }

    /// <summary>The delivery interval length of this chain.</summary>
    public required IntervalLength IntervalLength { get; init; }

    /// <summary>The Supervising Authority's player id.</summary>
    public required PlayerId SupervisingAuthorityId { get; init; }

    /// <summary>The SA root key: signs authorizations, key rotations and validator-set changes.</summary>
    public required Ed25519PublicKey SupervisingAuthorityKey { get; init; }

    /// <summary>The first validator set, sorted by id.</summary>
    public required ImmutableArray<ValidatorInfo> Validators { get; init; }

    /// <summary>Consensus size limits.</summary>
    public required LedgerLimits Limits { get; init; }

    /// <summary>Checks the rules a genesis must satisfy.</summary>
    public Result Validate()
    {
        if (string.IsNullOrWhiteSpace(ChainId) || ChainId.Length > 64)
        {
            return Result.Fail(LedgerErrors.GenesisInvalid, "The chain id must be 1–64 characters.");
        }

        if (Currency.Length != 3 || !Currency.All(char.IsAsciiLetterUpper))
        {
            return Result.Fail(LedgerErrors.GenesisInvalid, $"The currency '{Currency}' is not an ISO 4217 code.");
        }

        if (Validators.IsDefaultOrEmpty)
        {
            return Result.Fail(LedgerErrors.GenesisInvalid, "Genesis needs at least one validator.");
        }

        for (var i = 1; i < Validators.Length; i++)
        {
            if (Validators[i - 1].Id.CompareTo(Validators[i].Id) >= 0)
            {
                return Result.Fail(LedgerErrors.GenesisInvalid, "Validators must be sorted by id without duplicates.");
            }
        }

        if (Validators.Any(v => v.Id == SupervisingAuthorityId))
        {
            return Result.Fail(LedgerErrors.GenesisInvalid, "A validator id may not equal the SA's player id.");
        }

        if (Limits.MaxTransactionBytes < 256 || Limits.MaxBlockTransactions < 1 || Limits.MaxBlockBytes < Limits.MaxTransactionBytes)
        {
            return Result.Fail(LedgerErrors.GenesisInvalid, "Limits: a transaction may be at least 256 bytes, a block holds at least one transaction and one maximal transaction.");
        }

        return Result.Success;
    }

    /// <summary>The canonical CBOR encoding.</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(8);
        w.WriteInt32(FormatVersion);
        w.WriteTextString(ChainId);
        w.WriteTextString(Currency);
        w.WriteInt64(TimestampMs);
        w.WriteInt32(IntervalLength.Minutes);
        w.WriteStartArray(2);
        w.WritePlayerId(SupervisingAuthorityId);
        w.WritePublicKey(SupervisingAuthorityKey);
        w.WriteEndArray();
        ValidatorSet.Write(w, Validators);
        w.WriteStartArray(3);
        w.WriteInt32(Limits.MaxTransactionBytes);
        w.WriteInt32(Limits.MaxBlockTransactions);
        w.WriteInt32(Limits.MaxBlockBytes);
        w.WriteEndArray();
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Decodes and validates a genesis file's bytes.</summary>
    public static Result<GenesisConfig> Decode(ReadOnlyMemory<byte> bytes)
    {
        if (!Cbor.TryDecode(bytes, Read, g => g.Encode(), out var genesis))
        {
            return Result<GenesisConfig>.Fail(LedgerErrors.GenesisInvalid, "The genesis bytes are not a canonical FLECS genesis (version 1).");
        }

        var valid = genesis.Validate();
        return valid.IsSuccess ? genesis : valid.Error;
    }

    private static GenesisConfig Read(CborReader r)
    {
        r.ReadArrayOf(8);
        if (r.ReadInt32() != FormatVersion)
        {
            throw new CborContentException("Unknown genesis version.");
        }

        var chainId = r.ReadTextString();
        var currency = r.ReadTextString();
        var timestamp = r.ReadInt64();
        if (!IntervalLength.TryCreate(r.ReadInt32(), out var interval))
        {
            throw new CborContentException("The interval length must be 1, 5, 15 or 60 minutes.");
        }

        r.ReadArrayOf(2);
        var saId = r.ReadPlayerId();
        var saKey = r.ReadPublicKey();
        r.ReadEndArray();
        var validators = ValidatorSet.Read(r);
        r.ReadArrayOf(3);
        var limits = new LedgerLimits(r.ReadInt32(), r.ReadInt32(), r.ReadInt32());
        r.ReadEndArray();
        r.ReadEndOfValue();
        return new GenesisConfig
        {
            ChainId = chainId,
            Currency = currency,
            TimestampMs = timestamp,
            IntervalLength = interval,
            SupervisingAuthorityId = saId,
            SupervisingAuthorityKey = saKey,
            Validators = validators,
            Limits = limits,
        };
    }
}
