using System.Collections.Immutable;
using System.Formats.Cbor;
using Flecs.Core.Identity;
using Flecs.Crypto.Hashing;
using Flecs.Ledger.Encoding;

namespace Flecs.Ledger.Genesis;

/// <summary>Encoding and hashing of a validator set (sorted by id).</summary>
public static class ValidatorSet
{
    /// <summary>Writes the set as an array of [id, key] pairs.</summary>
    public static void Write(CborWriter writer, IReadOnlyList<ValidatorInfo> validators)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(validators);
        writer.WriteStartArray(validators.Count);
        foreach (var v in validators)
        {
            writer.WriteStartArray(2);
            writer.WritePlayerId(v.Id);
            writer.WritePublicKey(v.PublicKey);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    /// <summary>Reads a set written by <see cref="Write"/>.</summary>
    public static ImmutableArray<ValidatorInfo> Read(CborReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var count = reader.ReadStartArray() ?? throw new CborContentException("Indefinite arrays are not canonical.");
        var builder = ImmutableArray.CreateBuilder<ValidatorInfo>(count);
        for (var i = 0; i < count; i++)
        {
            reader.ReadArrayOf(2);
            builder.Add(new ValidatorInfo(reader.ReadPlayerId(), reader.ReadPublicKey()));
            reader.ReadEndArray();
        }

        reader.ReadEndArray();
        return builder.MoveToImmutable();
    }

    /// <summary>The validator-set hash carried in every block header.</summary>
    public static Hash256 Hash(IReadOnlyList<ValidatorInfo> validators)
    {
        var w = Cbor.NewWriter();
        Write(w, validators.OrderBy(v => v.Id).ToArray());
        return Sha256Digest.Hash(DomainSeparation.ValidatorSet, w.Encode());
    }

    /// <summary>Finds a validator by id.</summary>
    public static ValidatorInfo? Find(IReadOnlyList<ValidatorInfo> validators, PlayerId id)
    {
        ArgumentNullException.ThrowIfNull(validators);
        foreach (var v in validators)
        {
            if (v.Id == id)
            {
                return v;
            }
        }

        return null;
    }
}
