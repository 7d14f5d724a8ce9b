using Flecs.Core.Identity;
using Flecs.Core.Time;
using Flecs.Ledger.Genesis;

namespace Flecs.Testing.Builders;

/// <summary>Builds a <see cref="GenesisConfig"/> whose keys come from <see cref="TestKeys"/>.</summary>
/// <remarks>
/// Defaults: chain <c>flecs-test</c>, EUR, 2026-01-01T00:00:00Z, 15-minute intervals, SA <c>sa</c> with
/// seed byte 0x01, one validator <c>validator-1</c> with seed byte 0x02 (validator n has seed byte 1 + n),
/// and the default limits.
/// </remarks>
public sealed class GenesisBuilder
{
    /// <summary>The default chain id.</summary>
    public const string DefaultChainId = "flecs-test";

    /// <summary>The default genesis timestamp: 2026-01-01T00:00:00Z in ms since the Unix epoch.</summary>
    public const long DefaultTimestampMs = 1_767_225_600_000;

    /// <summary>The SA's id.</summary>
    public static PlayerId SupervisingAuthorityId { get; } = PlayerId.Parse("sa");

    private string _chainId = DefaultChainId;
    private string _currency = "EUR";
    private long _timestampMs = DefaultTimestampMs;
    private IntervalLength _interval = IntervalLength.FromMinutes(15);
    private int _validators = 1;
    private LedgerLimits _limits = LedgerLimits.Default;

    /// <summary>The id of genesis validator <paramref name="number"/>.</summary>
    public static PlayerId ValidatorId(int number) => PlayerId.Parse($"validator-{number}");

    /// <summary>Sets the chain id.</summary>
    public GenesisBuilder WithChainId(string chainId)
    {
        _chainId = chainId;
        return this;
    }

    /// <summary>Sets the currency.</summary>
    public GenesisBuilder WithCurrency(string currency)
    {
        _currency = currency;
        return this;
    }

    /// <summary>Sets the timestamp.</summary>
    public GenesisBuilder WithTimestamp(long timestampMs)
    {
        _timestampMs = timestampMs;
        return this;
    }

    /// <summary>Sets the interval length.</summary>
    public GenesisBuilder WithInterval(int minutes)
    {
        _interval = IntervalLength.FromMinutes(minutes);
        return this;
    }

    /// <summary>Sets how many validators genesis names (<c>validator-1</c> … <c>validator-n</c>).</summary>
    public GenesisBuilder WithValidators(int count)
    {
        _validators = count;
        return this;
    }

    /// <summary>Sets the limits.</summary>
    public GenesisBuilder WithLimits(LedgerLimits limits)
    {
        _limits = limits;
        return this;
    }

    /// <summary>Builds the document (not validated, so tests can build invalid ones).</summary>
    public GenesisConfig Build()
    {
        using var sa = TestKeys.FromSeedByte(TestKeys.SupervisingAuthoritySeed);
        var validators = Enumerable.Range(1, _validators).Select(n =>
        {
            using var key = TestKeys.Validator(n);
            return new ValidatorInfo(ValidatorId(n), key.PublicKey);
        });
        return new GenesisConfig
        {
            ChainId = _chainId,
            Currency = _currency,
            TimestampMs = _timestampMs,
            IntervalLength = _interval,
            SupervisingAuthorityId = SupervisingAuthorityId,
            SupervisingAuthorityKey = sa.PublicKey,
            Validators = [.. validators.OrderBy(v => v.Id)],
            Limits = _limits,
        };
    }
}
