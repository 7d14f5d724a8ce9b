using System.Globalization;

namespace Flecs.Ledger.Transactions;

/// <summary>The type of a transaction: a persisted 16-bit number that selects its executor.</summary>
/// <remarks>
/// The ledger defines the registry and governance types (1–99). Other modules (contracts, metering,
/// settlement) define their own ranges and register executors; the ledger core knows only numbers.
/// Numbers are persisted in every signed transaction: never renumber one (golden tests pin them).
/// </remarks>
/// <param name="Value">The persisted number.</param>
public readonly record struct TransactionType(ushort Value)
{
    /// <summary>Register a player (SA; a TradCo/AggCo for its passive customers; or a player applying with its own key).</summary>
    public static TransactionType RegisterPlayer => new(1);

    /// <summary>SA: authorize a pending or suspended player.</summary>
    public static TransactionType AuthorizePlayer => new(2);

    /// <summary>SA: suspend an authorized player.</summary>
    public static TransactionType SuspendPlayer => new(3);

    /// <summary>SA: revoke a player for good.</summary>
    public static TransactionType RevokePlayer => new(4);

    /// <summary>SA: replace a player's key.</summary>
    public static TransactionType RotateKey => new(5);

    /// <summary>SA: add a validator.</summary>
    public static TransactionType AddValidator => new(6);

    /// <summary>SA: remove a validator.</summary>
    public static TransactionType RemoveValidator => new(7);

    /// <summary>Any authorized player: anchor the hash of an off-ledger document (agreement, plan, report).</summary>
    public static TransactionType AnchorDocument => new(8);

    /// <summary>The name of a ledger-defined type, or its number.</summary>
    public override string ToString() => Value switch
    {
        1 => "register-player",
        2 => "authorize-player",
        3 => "suspend-player",
        4 => "revoke-player",
        5 => "rotate-key",
        6 => "add-validator",
        7 => "remove-validator",
        8 => "anchor-document",
        _ => Value.ToString(CultureInfo.InvariantCulture),
    };
}
