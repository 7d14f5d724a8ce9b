using System.Collections.Immutable;
using Flecs.Core.Time;

namespace Flecs.Contracts.Runtime;

/// <summary>What a template sees of one delivery interval besides its contract: the parties' meter readings and the reference prices.</summary>
/// <param name="Interval">The interval.</param>
/// <param name="Meters">Meter readings by party role.</param>
/// <param name="Prices">Reference prices by name (µ-currency per kWh), e.g. <c>mpm</c>.</param>
public sealed record IntervalInput(DeliveryInterval Interval, ImmutableSortedDictionary<string, MeterReading> Meters, ImmutableSortedDictionary<string, long> Prices);
