using System.Formats.Cbor;
using Flecs.Core.Results;
using Flecs.Ledger.Encoding;

namespace Flecs.Ledger.Registry;

/// <summary>Strict decoding of a transaction payload into its record, with <see cref="LedgerErrors.InvalidPayload"/> on failure.</summary>
public static class Payload
{
    /// <summary>Decodes <paramref name="bytes"/> with <paramref name="read"/>; the payload must be canonical and complete.</summary>
    public static Result<T> Decode<T>(byte[] bytes, Func<CborReader, T> read, Func<T, byte[]> encode)
        where T : class =>
        Cbor.TryDecode(bytes, read, encode, out var value)
            ? value
            : Result<T>.Fail(LedgerErrors.InvalidPayload, $"The payload is not a canonical {typeof(T).Name}.");
}
