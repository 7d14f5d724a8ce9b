using System.Formats.Cbor;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Crypto.Hashing;
using Flecs.Crypto.Signatures;
using Flecs.Ledger.Encoding;

namespace Flecs.Ledger.Transactions;

/// <summary>A signed transaction: the envelope every change to the ledger travels in (docs/formats/transaction.md).</summary>
/// <remarks>
/// Envelope = canonical CBOR <c>[body, signature]</c>, body = <c>[version, chainId, type, sender, sequence,
/// validUntilHeight, payload]</c>. The sender signs <c>"FLECS/tx/v1\0" ‖ body</c> with Ed25519. The id is
/// SHA-256 of the whole envelope; canonical decoding makes it unique for a logical transaction.
/// </remarks>
public sealed class Transaction
{
    /// <summary>The envelope format version written by this code.</summary>
    public const int FormatVersion = 1;

    /// <summary>The envelope's bytes around the body: the array(2) head, the byte-string head of the signature, the signature.</summary>
    private const int EnvelopeOverhead = 1 + 2 + Ed25519Signer.SignatureLength;

    /// <summary>The body's length: it starts after the envelope's one-byte array head.</summary>
    private readonly int _bodyLength;

    /// <summary>The signature's length: it ends the envelope.</summary>
    private readonly int _signatureLength;

    /// <remarks>
    /// The body and the signature are not copied out of <paramref name="bytes"/>: a node holds every admitted
    /// transaction until its block is written, and the garbage collector copies whatever they hold on each collection.
    /// </remarks>
    private Transaction(string chainId, TransactionType type, PlayerId sender, long sequence, long validUntilHeight, byte[] payload, int bodyLength, int signatureLength, byte[] bytes, Hash256? id = null)
    {
        ChainId = chainId;
        Type = type;
        Sender = sender;
        Sequence = sequence;
        ValidUntilHeight = validUntilHeight;
        Payload = payload;
        _bodyLength = bodyLength;
        _signatureLength = signatureLength;
        Bytes = bytes;
        Id = id ?? Sha256Digest.Hash(bytes);
    }

    /// <summary>The chain the transaction is for.</summary>
    public string ChainId { get; }

    /// <summary>Selects the executor.</summary>
    public TransactionType Type { get; }

    /// <summary>The signing player (for a passive player's business, its representative).</summary>
    public PlayerId Sender { get; }

    /// <summary>The sender's sequence number: its last accepted sequence plus one.</summary>
    public long Sequence { get; }

    /// <summary>The last block height that may include the transaction.</summary>
    public long ValidUntilHeight { get; }

    /// <summary>The type-specific payload (canonical CBOR).</summary>
    public byte[] Payload { get; }

    /// <summary>The 64-byte Ed25519 signature (a copy).</summary>
    public byte[] Signature => SignatureSpan.ToArray();

    /// <summary>The canonical body bytes (what is signed, after the domain prefix; a copy).</summary>
    public byte[] BodyBytes => BodySpan.ToArray();

    /// <summary>The body, inside <see cref="Bytes"/>.</summary>
    internal ReadOnlySpan<byte> BodySpan => Bytes.AsSpan(1, _bodyLength);

    /// <summary>The signature, inside <see cref="Bytes"/>.</summary>
    internal ReadOnlySpan<byte> SignatureSpan => Bytes.AsSpan(Bytes.Length - _signatureLength);

    /// <summary>The canonical envelope bytes.</summary>
    public byte[] Bytes { get; }

    /// <summary>SHA-256 of <see cref="Bytes"/>.</summary>
    public Hash256 Id { get; }

    /// <summary>Builds and signs a transaction.</summary>
    public static Transaction Create(string chainId, TransactionType type, PlayerId sender, long sequence, long validUntilHeight, byte[] payload, ISigner signer)
    {
        ArgumentNullException.ThrowIfNull(chainId);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(validUntilHeight);
        var body = EncodeBody(chainId, type, sender, sequence, validUntilHeight, payload);
        var signature = signer.Sign(SigningMessage(body));
        return FromParts(chainId, type, sender, sequence, validUntilHeight, payload, signature, body);
    }

    /// <summary>Assembles a transaction from parts and an existing signature (for tests of forged signatures).</summary>
    public static Transaction FromParts(string chainId, TransactionType type, PlayerId sender, long sequence, long validUntilHeight, byte[] payload, byte[] signature, byte[]? bodyBytes = null)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var body = bodyBytes ?? EncodeBody(chainId, type, sender, sequence, validUntilHeight, payload);
        var w = Cbor.NewWriter();
        w.WriteStartArray(2);
        w.WriteEncodedValue(body);
        w.WriteByteString(signature);
        w.WriteEndArray();
        return new Transaction(chainId, type, sender, sequence, validUntilHeight, payload, body.Length, signature.Length, w.Encode());
    }

    /// <summary>The bytes the sender signs: the domain prefix followed by the body.</summary>
    public static byte[] SigningMessage(ReadOnlySpan<byte> body)
    {
        var message = new byte[DomainSeparation.Transaction.Length + body.Length];
        WriteSigningMessage(body, message);
        return message;
    }

    /// <summary>Checks the signature against <paramref name="key"/>.</summary>
    public bool HasValidSignature(ISignatureVerifier verifier, Ed25519PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        var length = DomainSeparation.Transaction.Length + _bodyLength;
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            WriteSigningMessage(BodySpan, rented);
            return verifier.Verify(key, rented.AsSpan(0, length), SignatureSpan);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Decodes an envelope strictly: canonical CBOR, known version, exact re-encoding, valid field ranges.</summary>
    public static Result<Transaction> Decode(byte[] bytes) => Decode(bytes, id: null);

    /// <summary>As <see cref="Decode(byte[])"/>, for a caller that has already hashed <paramref name="bytes"/> into <paramref name="id"/>.</summary>
    internal static Result<Transaction> Decode(byte[] bytes, Hash256? id)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        try
        {
            // One pass: the body is read in place inside the envelope, and its extent taken from the reader's position.
            using var lease = Cbor.RentReader(bytes);
            var r = lease.Reader;
            r.ReadArrayOf(2);
            var bodyStart = bytes.Length - r.BytesRemaining;
            r.ReadArrayOf(7);
            if (r.ReadInt32() != FormatVersion)
            {
                return Malformed("Unknown envelope version.");
            }

            var chainId = r.ReadTextString();
            var typeNumber = r.ReadUInt32();
            if (typeNumber > ushort.MaxValue)
            {
                return Malformed("The type is out of range.");
            }

            var sender = r.ReadPlayerId();
            var sequence = r.ReadNonNegative();
            var validUntil = r.ReadNonNegative();
            var payload = r.ReadByteString();
            r.ReadEndArray();
            var body = bytes.AsSpan(bodyStart, bytes.Length - r.BytesRemaining - bodyStart);
            var signature = r.ReadDefiniteLengthByteString();
            r.ReadEndOfValue();
            if (signature.Length != Ed25519Signer.SignatureLength)
            {
                return Malformed("The signature is not 64 bytes.");
            }

            if (sequence < 1)
            {
                return Malformed("Sequence numbers start at 1.");
            }

            // Re-encode the body from its fields: one logical transaction has exactly one encoding. The envelope around
            // it needs no second writer: the canonical reader accepted only the minimal heads of the 2-array and of the
            // 64-byte signature, and read to the end, so the bytes are exactly array(2) ‖ body ‖ bstr(64) ‖ signature.
            var type = new TransactionType((ushort)typeNumber);
            if (!IsBodyEncoding(body, chainId, type, sender, sequence, validUntil, payload)
                || bytes.Length != EnvelopeOverhead + body.Length)
            {
                return Malformed("The envelope is not canonical.");
            }

            return new Transaction(chainId, type, sender, sequence, validUntil, payload, body.Length, signature.Length, bytes, id);
        }
        catch (Exception ex) when (ex is CborContentException or InvalidOperationException or FormatException or ArgumentException or OverflowException)
        {
            return Malformed(ex.Message);
        }
    }

    private static Result<Transaction> Malformed(string why) => Result<Transaction>.Fail(LedgerErrors.Malformed, "Malformed transaction: " + why);

    /// <summary>Writes the domain prefix and <paramref name="body"/> to the start of <paramref name="destination"/>.</summary>
    private static void WriteSigningMessage(ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var prefix = DomainSeparation.Transaction;
        prefix.CopyTo(destination);
        body.CopyTo(destination[prefix.Length..]);
    }

    private static byte[] EncodeBody(string chainId, TransactionType type, PlayerId sender, long sequence, long validUntilHeight, byte[] payload)
    {
        using var lease = Cbor.RentWriter();
        WriteBody(lease.Writer, chainId, type, sender, sequence, validUntilHeight, payload);
        return lease.Writer.Encode();
    }

    /// <summary>Whether <paramref name="body"/> is exactly the encoding of these fields (compared in place, without a copy).</summary>
    private static bool IsBodyEncoding(ReadOnlySpan<byte> body, string chainId, TransactionType type, PlayerId sender, long sequence, long validUntilHeight, byte[] payload)
    {
        using var lease = Cbor.RentWriter();
        var w = lease.Writer;
        WriteBody(w, chainId, type, sender, sequence, validUntilHeight, payload);
        if (w.BytesWritten != body.Length)
        {
            return false;
        }

        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(body.Length);
        try
        {
            return w.Encode(rented) == body.Length && rented.AsSpan(0, body.Length).SequenceEqual(body);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static void WriteBody(CborWriter w, string chainId, TransactionType type, PlayerId sender, long sequence, long validUntilHeight, byte[] payload)
    {
        w.WriteStartArray(7);
        w.WriteInt32(FormatVersion);
        w.WriteTextString(chainId);
        w.WriteUInt32(type.Value);
        w.WritePlayerId(sender);
        w.WriteInt64(sequence);
        w.WriteInt64(validUntilHeight);
        w.WriteByteString(payload);
        w.WriteEndArray();
    }
}
