using System.Formats.Cbor;
using Flecs.Contracts.Values;
using Flecs.Core.Identity;
using Flecs.Ledger.Encoding;

namespace Flecs.Contracts.Lifecycle;

/// <summary>Payload of <c>execute-contract</c>: <c>[contractId, inputs]</c>; inputs is an input series starting at the contract's next interval.</summary>
/// <param name="ContractId">The contract.</param>
/// <param name="Inputs">The intervals' meter readings and prices (docs/contracts/README.md#input-series).</param>
public sealed record ExecuteContractPayload(Hash256 ContractId, ContractValue Inputs)
{
    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(2);
        w.WriteHash(ContractId);
        Inputs.Write(w);
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Reads the payload.</summary>
    public static ExecuteContractPayload Read(CborReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        r.ReadArrayOf(2);
        var payload = new ExecuteContractPayload(r.ReadHash(), ContractValue.Read(r));
        r.ReadEndOfValue();
        return payload;
    }
}
