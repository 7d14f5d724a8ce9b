using Flecs.Settlement.Meters;

namespace Flecs.Simulation.Running;

/// <summary>One simulated day of the whole district: every meter's readings and the physical figures no meter sees.</summary>
internal sealed class DayData
{
    public DayData(DateOnly date, int count, int households, int businesses, int generators)
    {
        Date = date;
        Count = count;
        Households = NewMatrix(households, count);
        Businesses = NewMatrix(businesses, count);
        Generators = NewMatrix(generators, count);
        HouseholdTotals = new PlayerTotals[households];
        BusinessTotals = new PlayerTotals[businesses];
    }

    /// <summary>The day (UTC).</summary>
    public DateOnly Date { get; }

    /// <summary>Intervals in the day.</summary>
    public int Count { get; }

    /// <summary>Each household's metered import/export per interval, mWh.</summary>
    public MeterReadingValue[][] Households { get; }

    /// <summary>Each business's metered import/export per interval, mWh.</summary>
    public MeterReadingValue[][] Businesses { get; }

    /// <summary>Each metered generator's export per interval, mWh.</summary>
    public MeterReadingValue[][] Generators { get; }

    /// <summary>Each household's day totals, kWh.</summary>
    public PlayerTotals[] HouseholdTotals { get; }

    /// <summary>Each business's day totals, kWh.</summary>
    public PlayerTotals[] BusinessTotals { get; }

    /// <summary>District figures per interval, kWh: gross load, PV, PV self-consumed, battery charge and discharge, EV and heat-pump load, generator output.</summary>
    public double[] Load { get; init; } = [];

    /// <inheritdoc cref="Load"/>
    public double[] Pv { get; init; } = [];

    /// <inheritdoc cref="Load"/>
    public double[] SelfConsumption { get; init; } = [];

    /// <inheritdoc cref="Load"/>
    public double[] BatteryCharge { get; init; } = [];

    /// <inheritdoc cref="Load"/>
    public double[] BatteryDischarge { get; init; } = [];

    /// <inheritdoc cref="Load"/>
    public double[] Ev { get; init; } = [];

    /// <inheritdoc cref="Load"/>
    public double[] HeatPump { get; init; } = [];

    /// <inheritdoc cref="Load"/>
    public double[] Generation { get; init; } = [];

    /// <summary>Each generator's available power per hour of the day, MW (its MPM offer).</summary>
    public double[][] GeneratorHourlyMw { get; init; } = [];

    private static MeterReadingValue[][] NewMatrix(int rows, int count)
    {
        var matrix = new MeterReadingValue[rows][];
        for (var i = 0; i < rows; i++)
        {
            matrix[i] = new MeterReadingValue[count];
        }

        return matrix;
    }
}
