namespace Flecs.Settlement.Meters;

/// <summary>An interval a close settled with an estimate: the estimate, the interval's MPM price and the owner's P2G residual then.</summary>
/// <param name="Import">Estimated import (mWh).</param>
/// <param name="Export">Estimated export (mWh).</param>
/// <param name="MpmPrice">The interval's MPM price (µ/kWh).</param>
/// <param name="Residual">The owner's P2G residual in that interval (mWh, + import).</param>
public readonly record struct EstimateEntry(long Import, long Export, long MpmPrice, long Residual);
