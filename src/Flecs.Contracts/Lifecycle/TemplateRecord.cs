using Flecs.Core.Identity;
using Flecs.Ledger.Encoding;

namespace Flecs.Contracts.Lifecycle;

/// <summary>A template on the ledger under <c>template/&lt;hash&gt;</c>: <c>[source, certified, certifiedAtHeight, changedAtHeight, reason]</c>.</summary>
/// <param name="Hash">The code hash; not encoded.</param>
/// <param name="Source">The certified source.</param>
/// <param name="Certified">True while certified; false after decertification.</param>
/// <param name="CertifiedAtHeight">The height of the (last) certification.</param>
/// <param name="ChangedAtHeight">The height of the last status change.</param>
/// <param name="Reason">The decertification reason, or "".</param>
public sealed record TemplateRecord(Hash256 Hash, string Source, bool Certified, long CertifiedAtHeight, long ChangedAtHeight, string Reason)
{
    /// <summary>The state key of a template.</summary>
    public static string StateKey(Hash256 hash) => "template/" + hash.ToString();

    /// <summary>The prefix of every template key.</summary>
    public const string KeyPrefix = "template/";

    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(5);
        w.WriteTextString(Source);
        w.WriteBoolean(Certified);
        w.WriteInt64(CertifiedAtHeight);
        w.WriteInt64(ChangedAtHeight);
        w.WriteTextString(Reason);
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Decodes a stored record.</summary>
    public static TemplateRecord Decode(Hash256 hash, ReadOnlyMemory<byte> bytes)
    {
        var r = Cbor.NewReader(bytes);
        r.ReadArrayOf(5);
        var record = new TemplateRecord(hash, r.ReadTextString(), r.ReadBoolean(), r.ReadInt64(), r.ReadInt64(), r.ReadTextString());
        r.ReadEndOfValue();
        return record;
    }
}
