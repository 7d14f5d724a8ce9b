using Flecs.Core.Identity;
using Flecs.Core.Results;

namespace Flecs.Node.Following;

/// <summary>A snapshot of a follower's progress, for the CLI, the API and the dashboard.</summary>
/// <param name="HeadHeight">The follower's verified, durable head.</param>
/// <param name="HeadHash">The hash of that head block.</param>
/// <param name="SourceHeight">The source's head as last reported (by its head stream or a fetched block); null when unknown.</param>
/// <param name="BlocksApplied">Blocks verified and stored since the follower opened.</param>
/// <param name="SourceErrors">Source failures (unreachable, broken stream) since the follower opened; each is retried.</param>
/// <param name="LastError">The last source error, or the error that stopped the follower (a refused block); null when none.</param>
/// <param name="IsRunning">True while <see cref="FollowerNode.RunAsync"/> runs.</param>
public sealed record FollowerStatus(long HeadHeight, Hash256 HeadHash, long? SourceHeight, long BlocksApplied, long SourceErrors, Error? LastError, bool IsRunning);
