namespace Flecs.Ledger.State;

/// <summary>Reads ledger state: canonical CBOR values under ordinal string keys.</summary>
public interface IStateReader
{
    /// <summary>Gets the value at <paramref name="key"/>, or false when there is none.</summary>
    public bool TryGet(string key, out byte[] value);
}
