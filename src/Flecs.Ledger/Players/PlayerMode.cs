namespace Flecs.Ledger.Players;

/// <summary>Whether a player runs its own node and keys. Persisted numbers: never renumber.</summary>
public enum PlayerMode
{
    /// <summary>Runs its own node and signs its own transactions.</summary>
    Active = 1,

    /// <summary>Has no key; a named TradCo or AggCo signs for it (virtual metering).</summary>
    Passive = 2,
}
