using System.Collections.Immutable;
using System.Formats.Cbor;
using Flecs.Contracts.Values;
using Flecs.Ledger.Encoding;

namespace Flecs.Contracts.Lifecycle;

/// <summary>Payload of <c>certify-template</c>: <c>[source, samples]</c>; each sample is <c>{ params, inputs }</c> (an input series) for the dry run.</summary>
/// <param name="Source">The template source.</param>
/// <param name="Samples">1–8 dry-run samples.</param>
public sealed record CertifyTemplatePayload(string Source, ImmutableArray<ContractValue> Samples)
{
    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(2);
        w.WriteTextString(Source);
        w.WriteStartArray(Samples.Length);
        foreach (var sample in Samples)
        {
            sample.Write(w);
        }

        w.WriteEndArray();
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Reads the payload.</summary>
    public static CertifyTemplatePayload Read(CborReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        r.ReadArrayOf(2);
        var source = r.ReadTextString();
        var count = r.ReadStartArray() ?? throw new CborContentException("Indefinite array.");
        if (count is < 1 or > 8)
        {
            throw new CborContentException("1–8 samples.");
        }

        var samples = ImmutableArray.CreateBuilder<ContractValue>(count);
        for (var i = 0; i < count; i++)
        {
            samples.Add(ContractValue.Read(r));
        }

        r.ReadEndArray();
        r.ReadEndOfValue();
        return new CertifyTemplatePayload(source, samples.MoveToImmutable());
    }
}
