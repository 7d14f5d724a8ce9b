namespace Flecs.Settlement.Meters;

/// <summary>A late actual reading that replaced an estimate, waiting to be re-settled.</summary>
/// <param name="Interval">The estimated interval.</param>
/// <param name="Import">The actual import (mWh).</param>
/// <param name="Export">The actual export (mWh).</param>
/// <param name="DeltaNet">Actual net − estimated net (mWh, + more import).</param>
/// <param name="MpmPrice">The interval's MPM price (µ/kWh).</param>
/// <param name="Residual">The owner's P2G residual as settled (mWh).</param>
public readonly record struct CorrectionEntry(long Interval, long Import, long Export, long DeltaNet, long MpmPrice, long Residual);
