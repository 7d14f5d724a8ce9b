namespace Flecs.Api.Hosting;

/// <summary>Counters of the HTTP edge, for the SA's operator view.</summary>
public sealed class ApiCounters
{
    private long _rateLimited;
    private long _submitted;

    /// <summary>Requests refused by the rate limiter.</summary>
    public long RateLimited => Interlocked.Read(ref _rateLimited);

    /// <summary>Transactions submitted over HTTP.</summary>
    public long Submitted => Interlocked.Read(ref _submitted);

    /// <summary>Counts a refused request.</summary>
    public void CountRateLimited() => Interlocked.Increment(ref _rateLimited);

    /// <summary>Counts submitted transactions.</summary>
    public void CountSubmitted(int count) => Interlocked.Add(ref _submitted, count);
}
