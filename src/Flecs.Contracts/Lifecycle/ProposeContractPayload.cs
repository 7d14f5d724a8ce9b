using System.Collections.Immutable;
using System.Formats.Cbor;
using Flecs.Contracts.Values;
using Flecs.Core.Identity;
using Flecs.Ledger.Encoding;

namespace Flecs.Contracts.Lifecycle;

/// <summary>Payload of <c>propose-contract</c>: <c>[templateHash, params, {role: playerId}, termStart, termEnd]</c>. The contract id is this transaction's id.</summary>
/// <param name="TemplateHash">A certified template's code hash.</param>
/// <param name="Parameters">The parameters (a map checked against the template's schema).</param>
/// <param name="Parties">Player ids by role; every role of the template, distinct players.</param>
/// <param name="TermStart">The first interval (index since the epoch, genesis interval length).</param>
/// <param name="TermEnd">The first interval after the term.</param>
public sealed record ProposeContractPayload(Hash256 TemplateHash, ContractValue Parameters, ImmutableSortedDictionary<string, PlayerId> Parties, long TermStart, long TermEnd)
{
    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(5);
        w.WriteHash(TemplateHash);
        Parameters.Write(w);
        WriteParties(w, Parties);
        w.WriteInt64(TermStart);
        w.WriteInt64(TermEnd);
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Reads the payload.</summary>
    public static ProposeContractPayload Read(CborReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        r.ReadArrayOf(5);
        var payload = new ProposeContractPayload(r.ReadHash(), ContractValue.Read(r), ReadParties(r), r.ReadNonNegative(), r.ReadNonNegative());
        r.ReadEndOfValue();
        return payload;
    }

    /// <summary>Writes a role → player map.</summary>
    internal static void WriteParties(CborWriter w, ImmutableSortedDictionary<string, PlayerId> parties)
    {
        w.WriteStartMap(parties.Count);
        foreach (var (role, id) in parties)
        {
            w.WriteTextString(role);
            w.WritePlayerId(id);
        }

        w.WriteEndMap();
    }

    /// <summary>Reads a role → player map.</summary>
    internal static ImmutableSortedDictionary<string, PlayerId> ReadParties(CborReader r)
    {
        var count = r.ReadStartMap() ?? throw new CborContentException("Indefinite map.");
        if (count is < 1 or > 8)
        {
            throw new CborContentException("1–8 parties.");
        }

        var parties = ImmutableSortedDictionary.CreateBuilder<string, PlayerId>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var role = r.ReadTextString();
            if (!parties.TryAdd(role, r.ReadPlayerId()))
            {
                throw new CborContentException("Duplicate role.");
            }
        }

        r.ReadEndMap();
        return parties.ToImmutable();
    }
}
