namespace Flecs.Api.Views;

/// <summary>The node's head and verification status (public).</summary>
/// <param name="ChainId">The chain id.</param>
/// <param name="Currency">The ISO 4217 code of the chain's money (amounts are micro-units of it).</param>
/// <param name="IntervalMinutes">The delivery interval length in minutes.</param>
/// <param name="Role">validator or follower.</param>
/// <param name="Height">The head height.</param>
/// <param name="HeadHash">The head block hash (hex).</param>
/// <param name="HeadTime">The head block's timestamp.</param>
/// <param name="Transactions">Transactions in blocks (genesis excluded).</param>
/// <param name="Accepted">Accepted transactions.</param>
/// <param name="Verify">The background verifier.</param>
/// <param name="Follow">A follower's replication status; null on a validator.</param>
public sealed record StatusView(string ChainId, string Currency, int IntervalMinutes, string Role, long Height, string HeadHash, DateTimeOffset HeadTime, long Transactions, long Accepted, VerifyView Verify, FollowView? Follow);
