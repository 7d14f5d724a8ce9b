namespace Flecs.Ledger.Players;

/// <summary>A player's authorization status. Persisted numbers: never renumber.</summary>
/// <remarks>Pending → Authorized ⇄ Suspended; any non-revoked status → Revoked, which is final.</remarks>
public enum PlayerStatus
{
    /// <summary>Registered, awaiting the SA's authorization.</summary>
    Pending = 1,

    /// <summary>Authorized by the SA: may send transactions.</summary>
    Authorized = 2,

    /// <summary>Suspended by the SA: its transactions are rejected until re-authorized.</summary>
    Suspended = 3,

    /// <summary>Revoked for good.</summary>
    Revoked = 4,
}
