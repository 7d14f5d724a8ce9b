namespace Flecs.Api.Views;

/// <summary>A follower's replication status.</summary>
/// <param name="Source">The validator's URL.</param>
/// <param name="SourceHeight">The validator's head as last seen.</param>
/// <param name="Applied">Blocks verified and applied since start.</param>
/// <param name="LastError">The last error, if any.</param>
public sealed record FollowView(string Source, long? SourceHeight, long Applied, string? LastError);
