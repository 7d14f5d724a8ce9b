using System.Formats.Cbor;

namespace Flecs.Ledger.Encoding;

/// <summary>A canonical reader borrowed from this thread's pool (<see cref="Cbor.RentReader"/>); disposing returns it, emptied.</summary>
/// <remarks>Use it with <c>using</c>; nothing read from it refers to the reader, so values outlive the lease.</remarks>
public ref struct CborReaderLease
{
    internal CborReaderLease(CborReader reader) => Reader = reader;

    /// <summary>The reader, positioned at the start of the bytes it was rented for.</summary>
    public CborReader Reader { get; private set; }

    /// <summary>Returns the reader to the pool.</summary>
    public void Dispose()
    {
        if (Reader is { } reader)
        {
            Reader = null!;
            Cbor.Return(reader);
        }
    }
}
