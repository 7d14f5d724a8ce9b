using System.Formats.Cbor;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Ledger.Encoding;

namespace Flecs.Ledger.Blocks;

/// <summary>The recorded outcome of one transaction: <c>[txId, status, code]</c> (docs/formats/block.md).</summary>
/// <param name="TransactionId">The transaction's id.</param>
/// <param name="IsAccepted">True when the transaction was applied.</param>
/// <param name="Code">The stable rejection code; empty when accepted.</param>
public sealed record Receipt(Hash256 TransactionId, bool IsAccepted, string Code)
{
    /// <summary>An accepted receipt.</summary>
    public static Receipt Accepted(Hash256 id) => new(id, true, string.Empty);

    /// <summary>A rejected receipt.</summary>
    public static Receipt Rejected(Hash256 id, string code) => new(id, false, code);

    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(3);
        w.WriteHash(TransactionId);
        w.WriteInt32(IsAccepted ? 0 : 1);
        w.WriteTextString(Code);
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Decodes a receipt strictly.</summary>
    public static Result<Receipt> Decode(ReadOnlyMemory<byte> bytes) =>
        Cbor.TryDecode(bytes, Read, r => r.Encode(), out var receipt)
            ? receipt
            : Result<Receipt>.Fail(LedgerErrors.BlockMalformed, "The receipt is not canonical CBOR.");

    private static Receipt Read(CborReader r)
    {
        r.ReadArrayOf(3);
        var id = r.ReadHash();
        var status = r.ReadInt32();
        var code = r.ReadTextString();
        r.ReadEndOfValue();
        return status switch
        {
            0 when code.Length == 0 => Accepted(id),
            1 when code.Length > 0 => Rejected(id, code),
            _ => throw new CborContentException("Bad receipt status."),
        };
    }
}
