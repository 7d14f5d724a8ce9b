using System.Formats.Cbor;

namespace Flecs.Ledger.Encoding;

/// <summary>A canonical writer borrowed from this thread's pool (<see cref="Cbor.RentWriter"/>); disposing returns it, reset.</summary>
/// <remarks>
/// A writer and the stack it keeps for nested arrays are most of what encoding a small value allocates; the hot paths
/// (records, receipts, envelopes) encode thousands of values a second per thread. Use it with <c>using</c> and take the
/// bytes (<see cref="CborWriter.Encode()"/>) before it is disposed; nested leases on one thread get different writers.
/// </remarks>
public ref struct CborWriterLease
{
    internal CborWriterLease(CborWriter writer) => Writer = writer;

    /// <summary>The writer, empty when rented.</summary>
    public CborWriter Writer { get; private set; }

    /// <summary>Returns the writer to the pool.</summary>
    public void Dispose()
    {
        if (Writer is { } writer)
        {
            Writer = null!;
            Cbor.Return(writer);
        }
    }
}
