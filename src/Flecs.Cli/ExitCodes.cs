namespace Flecs.Cli;

/// <summary>The documented exit codes of the flecs command (docs/cli.md).</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>A general failure (an unexpected exception).</summary>
    public const int General = 1;

    /// <summary>Bad usage: unknown command, missing or malformed option.</summary>
    public const int Usage = 2;

    /// <summary>Bad input data: a file that could not be read or parsed (book, proof, key).</summary>
    public const int InvalidInput = 3;

    /// <summary>The ledger or a proof failed verification.</summary>
    public const int VerificationFailed = 4;

    /// <summary>A transaction was rejected by the ledger (its code is printed).</summary>
    public const int Rejected = 5;

    /// <summary>The data directory is missing, already initialized, locked by another node, or holds no key of a current validator.</summary>
    public const int DataDirectory = 10;

    /// <summary>A benchmark missed its target.</summary>
    public const int TargetMissed = 20;
}
