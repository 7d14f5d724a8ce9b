using System.Formats.Cbor;
using Flecs.Contracts.Values;
using Flecs.Core.Identity;
using Flecs.Ledger.Encoding;

namespace Flecs.Contracts.Lifecycle;

/// <summary>
/// Payload of the contract actions, <c>[contractId, subject, value, interval, text]</c>:
/// <list type="bullet">
/// <item><c>accept-contract</c>: subject = the pending proposal's id; value null; interval 0; text "".</item>
/// <item><c>amend-contract</c>: subject = the contract id; value = the new parameters; interval = effective from; text = note.</item>
/// <item><c>terminate-contract</c>: subject = the contract id; value null; interval = the new term end; text = reason.</item>
/// <item><c>patch-contract</c> (SA): subject = the template hash to run from now on (the current one to keep it); value = parameters or null to keep them; interval = effective from; text = reason (required).</item>
/// </list>
/// </summary>
/// <param name="ContractId">The contract.</param>
/// <param name="Subject">The proposal or template hash, per type.</param>
/// <param name="Value">Parameters, or null.</param>
/// <param name="Interval">An interval index, per type.</param>
/// <param name="Text">A note or reason.</param>
public sealed record ContractActionPayload(Hash256 ContractId, Hash256 Subject, ContractValue Value, long Interval, string Text)
{
    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(5);
        w.WriteHash(ContractId);
        w.WriteHash(Subject);
        Value.Write(w);
        w.WriteInt64(Interval);
        w.WriteTextString(Text);
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Reads the payload.</summary>
    public static ContractActionPayload Read(CborReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        r.ReadArrayOf(5);
        var payload = new ContractActionPayload(r.ReadHash(), r.ReadHash(), ContractValue.Read(r), r.ReadNonNegative(), r.ReadTextString());
        r.ReadEndOfValue();
        return payload.Text.Length <= 256 ? payload : throw new CborContentException("Text longer than 256 characters.");
    }
}
