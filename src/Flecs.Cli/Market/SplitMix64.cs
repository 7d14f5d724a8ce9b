namespace Flecs.Cli.Market;

/// <summary>SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator, so that every benchmark run clears the same books.</summary>
internal sealed class SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        unchecked
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A value in [<paramref name="min"/>, <paramref name="max"/>], inclusive (modulo bias is irrelevant here).</summary>
    public long Between(long min, long max) => min + (long)(Next() % (ulong)(max - min + 1));
}
