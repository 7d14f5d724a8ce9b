using System.Formats.Cbor;
using Flecs.Ledger.Transactions;
namespace Flecs.Testing.Builders;

/// <summary>Envelopes that must be refused as <c>ledger.tx.malformed</c>, each derived from a valid one.</summary>
public static class MalformedEnvelopes
{
    /// <summary>The kinds <see cref="Make"/> knows.</summary>
    public static IReadOnlyList<string> Kinds { get; } =
    [
        "garbage", "empty", "truncated", "trailing-bytes", "non-canonical-integer", "non-canonical-signed-body",
        "indefinite-length-array", "unknown-version", "short-signature", "sequence-zero", "bad-sender-id", "body-of-six",
    ];

    /// <summary>The kinds as theory data.</summary>
    public static TheoryData<string> AsTheoryData() => [.. Kinds];

    /// <summary>Makes a malformed envelope of <paramref name="kind"/> from a valid anchor-document transaction by <paramref name="sender"/>.</summary>
    public static byte[] Make(string kind, TestPlayer sender, string chainId = "flecs-test", long sequence = 1, long validUntil = 1_000)
    {
        var valid = A.Transaction().OnChain(chainId).From(sender).WithSequence(sequence).ValidUntil(validUntil).Build();
        return kind switch
        {
            "garbage" => "\u0000not cbor at all, just some text"u8.ToArray(),
            "empty" => [],
            "truncated" => valid.Bytes[..^1],
            "trailing-bytes" => [.. valid.Bytes, 0x00],

            // The body's first item, the version 1, written as 0x18 0x01 (one-byte argument) instead of 0x01.
            "non-canonical-integer" => Envelope(NonCanonicalVersion(valid.BodyBytes), valid.Signature),

            // The same body, signed by the sender as it is: the signature is valid, only the encoding is wrong.
            "non-canonical-signed-body" => SignedEnvelope(NonCanonicalVersion(valid.BodyBytes), sender),
            "indefinite-length-array" => [0x9f, .. valid.Bytes[1..], 0xff],
            "unknown-version" => SignedEnvelope(Body(2, chainId, sender.Id.Value, sequence, validUntil, valid.Payload), sender),
            "short-signature" => Envelope(valid.BodyBytes, valid.Signature[..63]),
            "sequence-zero" => SignedEnvelope(Body(1, chainId, sender.Id.Value, 0, validUntil, valid.Payload), sender),
            "bad-sender-id" => SignedEnvelope(Body(1, chainId, "Not A Player", sequence, validUntil, valid.Payload), sender),
            "body-of-six" => SignedEnvelope(BodyOfSix(chainId, sender.Id.Value, sequence, validUntil), sender),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown malformation."),
        };
    }

    /// <summary>An envelope <c>[body, signature]</c> written byte by byte, so the body may be non-canonical.</summary>
    public static byte[] Envelope(byte[] body, byte[] signature)
    {
        // Written by hand: CborWriter in canonical mode would refuse the non-canonical body.
        byte[] signatureHeader = signature.Length < 24 ? [(byte)(0x40 + signature.Length)] : [0x58, (byte)signature.Length];
        return [0x82, .. body, .. signatureHeader, .. signature];
    }

    private static byte[] SignedEnvelope(byte[] body, TestPlayer sender) => Envelope(body, sender.Signer.Sign(Transaction.SigningMessage(body)));

    private static byte[] NonCanonicalVersion(byte[] body)
    {
        if (body[0] != 0x87 || body[1] != 0x01)
        {
            throw new InvalidOperationException("The body no longer starts with array(7), version 1.");
        }

        return [0x87, 0x18, 0x01, .. body[2..]];
    }

    private static byte[] Body(int version, string chainId, string sender, long sequence, long validUntil, byte[] payload)
    {
        var w = new CborWriter(CborConformanceMode.Canonical);
        w.WriteStartArray(7);
        w.WriteInt32(version);
        w.WriteTextString(chainId);
        w.WriteUInt32(TransactionType.AnchorDocument.Value);
        w.WriteTextString(sender);
        w.WriteInt64(sequence);
        w.WriteInt64(validUntil);
        w.WriteByteString(payload);
        w.WriteEndArray();
        return w.Encode();
    }

    private static byte[] BodyOfSix(string chainId, string sender, long sequence, long validUntil)
    {
        var w = new CborWriter(CborConformanceMode.Canonical);
        w.WriteStartArray(6);
        w.WriteInt32(1);
        w.WriteTextString(chainId);
        w.WriteUInt32(TransactionType.AnchorDocument.Value);
        w.WriteTextString(sender);
        w.WriteInt64(sequence);
        w.WriteInt64(validUntil);
        w.WriteEndArray();
        return w.Encode();
    }
}
