namespace Flecs.Node.Following;

/// <summary>Options of a verifying follower.</summary>
public sealed class FollowerOptions
{
    /// <summary>The follower's data directory (made by <see cref="Hosting.DataDirectory.InitializeFollower"/>).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The wait before the first retry after a source error; it doubles with each further error up to
    /// <see cref="MaxRetryDelay"/> and starts over after a success. Default 500 ms.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between retries of an unreachable source. Default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Checks the options; the message names the property, its value and the rule.</summary>
    /// <exception cref="InvalidOperationException">An option is out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            throw new InvalidOperationException("DataDirectory is empty; it must name the follower's data directory.");
        }

        if (RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromMinutes(10))
        {
            throw new InvalidOperationException($"RetryDelay is {RetryDelay}; it must be at least zero and at most 10 min.");
        }

        if (MaxRetryDelay < RetryDelay || MaxRetryDelay > TimeSpan.FromMinutes(10))
        {
            throw new InvalidOperationException($"MaxRetryDelay is {MaxRetryDelay}; it must be at least RetryDelay ({RetryDelay}) and at most 10 min.");
        }
    }
}
