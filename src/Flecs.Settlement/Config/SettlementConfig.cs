using System.Collections.Immutable;
using System.Formats.Cbor;
using Flecs.Core.Identity;
using Flecs.Core.Results;
using Flecs.Core.Units;
using Flecs.Ledger.Encoding;
using Flecs.Market.Clearing;
using Flecs.Market.Interface;

namespace Flecs.Settlement.Config;

/// <summary>
/// The rules of the interval close, set by the SA with <c>configure-settlement</c> and kept under
/// <see cref="StateKey"/> (docs/settlement.md#configuration). Payload and state value are the same canonical CBOR:
/// <c>[start, mechanism, fallbackPrice, priceCap, retailSpread, feedInSpread, fees, retailer, operators, marketOperator, lateWindow, billingDays]</c>.
/// </summary>
/// <param name="Start">The first interval the close settles (fixed by the first configuration).</param>
/// <param name="Mechanism">The SPM mechanism: pay-as-clear or pay-as-bid.</param>
/// <param name="FallbackMpmPrice">The MPM price of an interval in which the merit order clears nothing (µ/kWh).</param>
/// <param name="PriceCap">The MPM price cap (µ/kWh).</param>
/// <param name="RetailSpread">P2G: the retailer's spread on imports (µ/kWh, ≥ 0).</param>
/// <param name="FeedInSpread">P2G: the retailer's spread on feed-in (µ/kWh, ≥ 0).</param>
/// <param name="Fees">P2G: the grid fees by connection level (one per level used).</param>
/// <param name="Retailer">The player that earns the P2G spreads (a TradCo or AggCo).</param>
/// <param name="GridOperators">The player that earns each level's grid fees (TransCo, DistCo).</param>
/// <param name="MarketOperator">The player that keeps the pay-as-bid surplus.</param>
/// <param name="LateWindow">How many intervals after its close an estimated interval still accepts its actual reading.</param>
/// <param name="BillingDays">The billing period: 0 for calendar months (UTC), else this many days from the Unix epoch.</param>
public sealed record SettlementConfig(
    long Start,
    ClearingMechanism Mechanism,
    EnergyPrice FallbackMpmPrice,
    EnergyPrice PriceCap,
    EnergyPrice RetailSpread,
    EnergyPrice FeedInSpread,
    ImmutableArray<GridFee> Fees,
    PlayerId Retailer,
    ImmutableSortedDictionary<GridLevel, PlayerId> GridOperators,
    PlayerId MarketOperator,
    long LateWindow,
    int BillingDays)
{
    /// <summary>The state key of the configuration.</summary>
    public const string StateKey = "settlement/config";

    /// <summary>The highest price cap: the order books' price bound, 1,000 per kWh.</summary>
    public const long MaxPriceCap = 1_000_000_000;

    /// <summary>The longest late window: 31 days of 1-minute intervals.</summary>
    public const long MaxLateWindow = 44_640;

    /// <summary>The P2G tariff.</summary>
    public Result<PeerToGridTariff> Tariff() => PeerToGridTariff.Create(RetailSpread, FeedInSpread, Fees);

    /// <summary>Checks the rules that do not need state.</summary>
    public Result Validate()
    {
        if (Mechanism is not (ClearingMechanism.PayAsClear or ClearingMechanism.PayAsBid))
        {
            return Result.Fail(SettlementErrors.BadConfig, "The mechanism is pay-as-clear (1) or pay-as-bid (2).");
        }

        if (PriceCap.MicrosPerKilowattHour <= 0 || PriceCap.MicrosPerKilowattHour > MaxPriceCap || Math.Abs(FallbackMpmPrice.MicrosPerKilowattHour) > PriceCap.MicrosPerKilowattHour)
        {
            return Result.Fail(SettlementErrors.BadConfig, "The price cap is positive and at most 1,000/kWh, and the fallback MPM price within it.");
        }

        // Every level has a fee (zero is fine): a residual at a level without one could never settle.
        if (Fees.Length != 3 || Fees.Select(f => f.Level).Distinct().Count() != 3)
        {
            return Result.Fail(SettlementErrors.BadConfig, "The tariff has one grid fee for each level: transmission, medium voltage and low voltage.");
        }

        if (RetailSpread.MicrosPerKilowattHour > MaxPriceCap || FeedInSpread.MicrosPerKilowattHour > MaxPriceCap
            || Fees.Any(f => f.Withdrawal.MicrosPerKilowattHour > MaxPriceCap || f.Injection.MicrosPerKilowattHour > MaxPriceCap))
        {
            return Result.Fail(SettlementErrors.BadConfig, "Spreads and fees are at most 1,000/kWh.");
        }

        var tariff = Tariff();
        if (!tariff.IsSuccess)
        {
            return Result.Fail(SettlementErrors.BadConfig, tariff.Error.Message);
        }

        foreach (var fee in Fees)
        {
            if (!GridOperators.ContainsKey(fee.Level))
            {
                return Result.Fail(SettlementErrors.BadConfig, $"No grid operator for level {fee.Level}.");
            }
        }

        if (LateWindow < 0 || LateWindow > MaxLateWindow)
        {
            return Result.Fail(SettlementErrors.BadConfig, $"The late window is 0–{MaxLateWindow} intervals.");
        }

        return BillingDays is < 0 or > 366 || Start < 0
            ? Result.Fail(SettlementErrors.BadConfig, "The billing period is 0 (months) or 1–366 days, and the start is not negative.")
            : Result.Success;
    }

    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(12);
        w.WriteInt64(Start);
        w.WriteInt32((int)Mechanism);
        w.WriteInt64(FallbackMpmPrice.MicrosPerKilowattHour);
        w.WriteInt64(PriceCap.MicrosPerKilowattHour);
        w.WriteInt64(RetailSpread.MicrosPerKilowattHour);
        w.WriteInt64(FeedInSpread.MicrosPerKilowattHour);
        w.WriteStartArray(Fees.Length);
        foreach (var fee in Fees)
        {
            w.WriteStartArray(3);
            w.WriteInt32((int)fee.Level);
            w.WriteInt64(fee.Withdrawal.MicrosPerKilowattHour);
            w.WriteInt64(fee.Injection.MicrosPerKilowattHour);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WritePlayerId(Retailer);
        w.WriteStartArray(GridOperators.Count);
        foreach (var (level, player) in GridOperators)
        {
            w.WriteStartArray(2);
            w.WriteInt32((int)level);
            w.WritePlayerId(player);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WritePlayerId(MarketOperator);
        w.WriteInt64(LateWindow);
        w.WriteInt32(BillingDays);
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Reads the record (payload or state value).</summary>
    public static SettlementConfig Read(CborReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        r.ReadArrayOf(12);
        var start = r.ReadInt64();
        var mechanism = (ClearingMechanism)r.ReadInt32();
        var fallback = new EnergyPrice(r.ReadInt64());
        var cap = new EnergyPrice(r.ReadInt64());
        var retail = new EnergyPrice(r.ReadInt64());
        var feedIn = new EnergyPrice(r.ReadInt64());
        var feeCount = r.ReadStartArray() ?? 0;
        var fees = ImmutableArray.CreateBuilder<GridFee>(feeCount);
        for (var i = 0; i < feeCount; i++)
        {
            r.ReadArrayOf(3);
            fees.Add(new GridFee(ReadLevel(r), new EnergyPrice(r.ReadInt64()), new EnergyPrice(r.ReadInt64())));
            r.ReadEndArray();
        }

        r.ReadEndArray();
        var retailer = r.ReadPlayerId();
        var operatorCount = r.ReadStartArray() ?? 0;
        var operators = ImmutableSortedDictionary.CreateBuilder<GridLevel, PlayerId>();
        for (var i = 0; i < operatorCount; i++)
        {
            r.ReadArrayOf(2);
            var level = ReadLevel(r);
            if (!operators.TryAdd(level, r.ReadPlayerId()))
            {
                throw new CborContentException("A level has one grid operator.");
            }

            r.ReadEndArray();
        }

        r.ReadEndArray();
        var marketOperator = r.ReadPlayerId();
        var lateWindow = r.ReadInt64();
        var billingDays = r.ReadInt32();
        r.ReadEndOfValue();
        return new SettlementConfig(start, mechanism, fallback, cap, retail, feedIn, fees.MoveToImmutable(), retailer, operators.ToImmutable(), marketOperator, lateWindow, billingDays);
    }

    /// <summary>Decodes a stored configuration.</summary>
    public static SettlementConfig Decode(ReadOnlyMemory<byte> bytes) => Read(Cbor.NewReader(bytes));

    /// <summary>Reads a grid level (1–3).</summary>
    internal static GridLevel ReadLevel(CborReader r)
    {
        var level = r.ReadInt32();
        return level is >= 1 and <= 3 ? (GridLevel)level : throw new CborContentException("A grid level is 1, 2 or 3.");
    }
}
