using System.Formats.Cbor;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Ledger.Encoding;

namespace Flecs.Ledger.Blocks;

/// <summary>The recorded outcome of one transaction: <c>[txId, status, code]</c>, or <c>[txId, 0, "", output]</c> when an accepted transaction's executor emitted an output (docs/formats/block.md).</summary>
/// <param name="TransactionId">The transaction's id.</param>
/// <param name="IsAccepted">True when the transaction was applied.</param>
/// <param name="Code">The stable rejection code; empty when accepted.</param>
/// <param name="Output">The executor's output (canonical CBOR, e.g. a contract execution's allocations and payments); empty when there is none.</param>
public sealed record Receipt(Hash256 TransactionId, bool IsAccepted, string Code, ReadOnlyMemory<byte> Output = default)
{
    /// <summary>An accepted receipt, with the executor's output when it emitted one.</summary>
    public static Receipt Accepted(Hash256 id, byte[]? output = null) => new(id, true, string.Empty, output ?? ReadOnlyMemory<byte>.Empty);

    /// <summary>A rejected receipt.</summary>
    public static Receipt Rejected(Hash256 id, string code) => new(id, false, code);

    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        using var lease = Cbor.RentWriter();
        var w = lease.Writer;
        w.WriteStartArray(Output.IsEmpty ? 3 : 4);
        w.WriteHash(TransactionId);
        w.WriteInt32(IsAccepted ? 0 : 1);
        w.WriteTextString(Code);
        if (!Output.IsEmpty)
        {
            w.WriteByteString(Output.Span);
        }

        w.WriteEndArray();
        return w.Encode();
    }

    /// <inheritdoc/>
    public bool Equals(Receipt? other) =>
        other is not null && TransactionId == other.TransactionId && IsAccepted == other.IsAccepted
        && string.Equals(Code, other.Code, StringComparison.Ordinal) && Output.Span.SequenceEqual(other.Output.Span);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(TransactionId, IsAccepted, Code, Output.Length);

    /// <summary>Decodes a receipt strictly.</summary>
    public static Result<Receipt> Decode(ReadOnlyMemory<byte> bytes) =>
        Cbor.TryDecode(bytes, Read, r => r.Encode(), out var receipt)
            ? receipt
            : Result<Receipt>.Fail(LedgerErrors.BlockMalformed, "The receipt is not canonical CBOR.");

    private static Receipt Read(CborReader r)
    {
        var length = r.ReadStartArray();
        if (length is not (3 or 4))
        {
            throw new CborContentException("A receipt is an array of 3 or 4.");
        }

        var id = r.ReadHash();
        var status = r.ReadInt32();
        var code = r.ReadTextString();
        var output = length == 4 ? r.ReadByteString() : [];
        r.ReadEndOfValue();
        return status switch
        {
            0 when code.Length == 0 && (length == 3 || output.Length > 0) => Accepted(id, output),
            1 when code.Length > 0 && length == 3 => Rejected(id, code),
            _ => throw new CborContentException("Bad receipt status or output."),
        };
    }
}
