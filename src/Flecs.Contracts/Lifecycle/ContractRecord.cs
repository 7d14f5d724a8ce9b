using System.Collections.Immutable;
using System.Formats.Cbor;
using Flecs.Contracts.Values;
using Flecs.Core.Identity;
using Flecs.Ledger.Encoding;

namespace Flecs.Contracts.Lifecycle;

/// <summary>
/// A contract in ledger state under <c>contract/&lt;id&gt;</c> (docs/contracts/lifecycle.md#state):
/// <c>[parties, termStart, termEnd, status, versions, nextInterval, pending, state, proposer, terminated]</c>.
/// </summary>
/// <param name="Id">The contract id (the proposing transaction's id); not encoded.</param>
/// <param name="Parties">Player ids by role.</param>
/// <param name="TermStart">The first interval.</param>
/// <param name="TermEnd">The first interval after the term (moved earlier by a termination).</param>
/// <param name="Status">The status.</param>
/// <param name="Versions">Template and parameters by effective interval, ascending.</param>
/// <param name="NextInterval">The next interval to execute.</param>
/// <param name="Pending">The pending proposal, or null.</param>
/// <param name="State">The template's state after the last executed interval.</param>
/// <param name="Proposer">The player that proposed the contract.</param>
/// <param name="Terminated">True when a termination moved the term end.</param>
public sealed record ContractRecord(
    Hash256 Id,
    ImmutableSortedDictionary<string, PlayerId> Parties,
    long TermStart,
    long TermEnd,
    ContractStatus Status,
    ImmutableArray<ContractVersion> Versions,
    long NextInterval,
    PendingProposal? Pending,
    ContractValue State,
    PlayerId Proposer,
    bool Terminated)
{
    /// <summary>The state key of a contract.</summary>
    public static string StateKey(Hash256 id) => "contract/" + id.ToString();

    /// <summary>The version in force at <paramref name="interval"/>.</summary>
    public ContractVersion VersionAt(long interval) => Versions.Last(v => v.From <= interval);

    /// <summary>The record with <paramref name="version"/> in force from its interval on (later scheduled versions are replaced).</summary>
    public ContractRecord WithVersion(ContractVersion version) =>
        this with { Versions = [.. Versions.Where(v => v.From < version.From), version] };

    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(10);
        ProposeContractPayload.WriteParties(w, Parties);
        w.WriteInt64(TermStart);
        w.WriteInt64(TermEnd);
        w.WriteInt32((int)Status);
        w.WriteStartArray(Versions.Length);
        foreach (var v in Versions)
        {
            w.WriteStartArray(4);
            w.WriteInt64(v.From);
            w.WriteHash(v.TemplateHash);
            v.Parameters.Write(w);
            w.WriteTextString(v.Reason);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteInt64(NextInterval);
        if (Pending is null)
        {
            w.WriteNull();
        }
        else
        {
            w.WriteStartArray(5);
            w.WriteHash(Pending.Id);
            w.WriteInt32((int)Pending.Kind);
            Pending.Parameters.Write(w);
            w.WriteInt64(Pending.Interval);
            w.WriteStartArray(Pending.Consents.Count);
            foreach (var role in Pending.Consents)
            {
                w.WriteTextString(role);
            }

            w.WriteEndArray();
            w.WriteEndArray();
        }

        State.Write(w);
        w.WritePlayerId(Proposer);
        w.WriteBoolean(Terminated);
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Decodes a stored record (written by this module, so a failure is a corrupt store).</summary>
    public static ContractRecord Decode(Hash256 id, ReadOnlyMemory<byte> bytes)
    {
        var r = Cbor.NewReader(bytes);
        r.ReadArrayOf(10);
        var parties = ProposeContractPayload.ReadParties(r);
        var termStart = r.ReadInt64();
        var termEnd = r.ReadInt64();
        var status = (ContractStatus)r.ReadInt32();
        var versionCount = r.ReadStartArray() ?? 0;
        var versions = ImmutableArray.CreateBuilder<ContractVersion>(versionCount);
        for (var i = 0; i < versionCount; i++)
        {
            r.ReadArrayOf(4);
            versions.Add(new ContractVersion(r.ReadInt64(), r.ReadHash(), ContractValue.Read(r), r.ReadTextString()));
            r.ReadEndArray();
        }

        r.ReadEndArray();
        var next = r.ReadInt64();
        PendingProposal? pending = null;
        if (r.PeekState() == CborReaderState.Null)
        {
            r.ReadNull();
        }
        else
        {
            r.ReadArrayOf(5);
            var pid = r.ReadHash();
            var kind = (ProposalKind)r.ReadInt32();
            var parameters = ContractValue.Read(r);
            var interval = r.ReadInt64();
            var consentCount = r.ReadStartArray() ?? 0;
            var consents = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
            for (var i = 0; i < consentCount; i++)
            {
                consents.Add(r.ReadTextString());
            }

            r.ReadEndArray();
            r.ReadEndArray();
            pending = new PendingProposal(pid, kind, parameters, interval, consents.ToImmutable());
        }

        var state = ContractValue.Read(r);
        var proposer = r.ReadPlayerId();
        var terminated = r.ReadBoolean();
        r.ReadEndOfValue();
        return new ContractRecord(id, parties, termStart, termEnd, status, versions.MoveToImmutable(), next, pending, state, proposer, terminated);
    }
}
