namespace Flecs.Ledger.Storage;

/// <summary>A storage failure, translated once inside the adapter.</summary>
public sealed class LedgerStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LedgerStoreException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LedgerStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public LedgerStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>True when retrying may succeed (the store was busy or locked), false for corruption or misuse.</summary>
    public bool IsTransient { get; init; }
}
