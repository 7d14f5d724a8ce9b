namespace Flecs.Simulation.Assets;

/// <summary>
/// A temporary multiplication of a fuel's (or CO₂'s) price: the factor ramps linearly from 1 to
/// <see cref="Factor"/> over <see cref="RampDays"/> from <see cref="From"/>, holds until <see cref="To"/>,
/// and ramps back to 1 over <see cref="RampDays"/> after it.
/// </summary>
public sealed class PriceShock
{
    /// <summary>The fuel: <c>gas</c>, <c>coal</c>, <c>lignite</c>, <c>oil</c>, <c>uranium</c> or <c>co2</c>.</summary>
    public string Fuel { get; init; } = "gas";

    /// <summary>The first day of the ramp-up.</summary>
    public DateOnly From { get; init; }

    /// <summary>The last day at the full factor.</summary>
    public DateOnly To { get; init; }

    /// <summary>The peak multiplier (6 ≈ TTF month-ahead going from ≈ 20 €/MWh in early 2021 to ≈ 120 €/MWh over 2022).</summary>
    public double Factor { get; init; } = 6;

    /// <summary>The length of each ramp (days).</summary>
    public int RampDays { get; init; } = 7;

    /// <summary>The multiplier this shock applies on a date (1 outside it).</summary>
    public double MultiplierOn(DateOnly date)
    {
        var d = date.DayNumber;
        var from = From.DayNumber;
        var to = To.DayNumber;
        var ramp = Math.Max(RampDays, 0);
        double weight;
        if (d < from || d > to + ramp)
        {
            return 1.0;
        }

        if (d <= to)
        {
            weight = ramp == 0 ? 1.0 : Math.Min(1.0, (d - from + 1) / (double)ramp);
        }
        else
        {
            weight = 1.0 - ((d - to) / (double)(ramp + 1));
        }

        return 1.0 + ((Factor - 1.0) * weight);
    }
}
