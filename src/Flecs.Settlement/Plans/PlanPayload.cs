using System.Collections.Immutable;
using System.Formats.Cbor;
using Flecs.Core.Identity;
using Flecs.Ledger.Encoding;

namespace Flecs.Settlement.Plans;

/// <summary>
/// Payload of <c>submit-plan</c>: <c>[player, horizon, first, step, values]</c>, values = expected
/// <c>[consumption₀, production₀, consumption₁, …]</c> in mWh per slot of <c>step</c> intervals (docs/settlement.md#plans).
/// </summary>
/// <param name="Player">Whose plan: the sender or a passive player it represents.</param>
/// <param name="Horizon">1 day-ahead (at most one day of intervals), 2 week-ahead (at most seven days).</param>
/// <param name="First">The first interval.</param>
/// <param name="Step">Intervals per value (1 = every interval; 15 at 1-minute intervals = quarter-hourly values).</param>
/// <param name="Values">Consumption and production per slot, interleaved.</param>
public sealed record PlanPayload(PlayerId Player, int Horizon, long First, int Step, ImmutableArray<long> Values)
{
    /// <summary>Canonical CBOR.</summary>
    public byte[] Encode()
    {
        var w = Cbor.NewWriter();
        w.WriteStartArray(5);
        w.WritePlayerId(Player);
        w.WriteInt32(Horizon);
        w.WriteInt64(First);
        w.WriteInt32(Step);
        w.WriteStartArray(Values.Length);
        foreach (var v in Values)
        {
            w.WriteInt64(v);
        }

        w.WriteEndArray();
        w.WriteEndArray();
        return w.Encode();
    }

    /// <summary>Reads the payload.</summary>
    public static PlanPayload Read(CborReader r)
    {
        ArgumentNullException.ThrowIfNull(r);
        r.ReadArrayOf(5);
        var player = r.ReadPlayerId();
        var horizon = r.ReadInt32();
        var first = r.ReadInt64();
        var step = r.ReadInt32();
        var count = r.ReadStartArray() ?? 0;
        if (count > 2 * 7 * 1_440)
        {
            throw new CborContentException("A plan covers at most a week of 1-minute intervals.");
        }

        var values = ImmutableArray.CreateBuilder<long>(count);
        for (var i = 0; i < count; i++)
        {
            values.Add(r.ReadInt64());
        }

        r.ReadEndArray();
        r.ReadEndOfValue();
        return new PlanPayload(player, horizon, first, step, values.MoveToImmutable());
    }
}
