namespace Flecs.Settlement.Orders;

/// <summary>Which market an order is for. Persisted: never renumber.</summary>
public enum MarketKind
{
    /// <summary>The Segmented Power Market: the local double auction of each interval.</summary>
    Spm = 1,

    /// <summary>The Main Power Market: the merit order that sets the interval's MPM price.</summary>
    Mpm = 2,
}
