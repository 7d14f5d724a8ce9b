using Flecs.Core.Identity;
using Flecs.Core.Results;

namespace Flecs.Ledger.Verification;

/// <summary>What <see cref="LedgerVerifier"/> found: either a valid chain with its figures, or the first bad height and why.</summary>
/// <param name="Error">The first failure, or null when the chain verified.</param>
/// <param name="FirstBadHeight">The height at which verification failed (0 for genesis and store-level failures; −1 when the chain verified).</param>
/// <param name="BlocksVerified">Blocks that passed (including genesis).</param>
/// <param name="TransactionsVerified">Transactions re-executed.</param>
/// <param name="HeadHeight">The last good height.</param>
/// <param name="HeadHash">The last good block hash.</param>
public sealed record VerificationReport(Error? Error, long FirstBadHeight, long BlocksVerified, long TransactionsVerified, long HeadHeight, Hash256 HeadHash)
{
    /// <summary>True when every check passed.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Error is null;
}
