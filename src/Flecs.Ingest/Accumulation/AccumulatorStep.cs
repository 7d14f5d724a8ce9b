using System.Collections.Immutable;
using Flecs.Core.Results;

namespace Flecs.Ingest.Accumulation;

/// <summary>What one sample did to an <see cref="IntervalAccumulator"/>.</summary>
/// <param name="Completed">The intervals the sample completed, ascending (often none).</param>
/// <param name="Issue">
/// Why the sample was not simply added: <see cref="IngestErrors.CounterReset"/> or <see cref="IngestErrors.SampleGap"/>
/// (the sample became a new baseline), <see cref="IngestErrors.SampleOutOfOrder"/> (ignored); null otherwise.
/// </param>
public sealed record AccumulatorStep(ImmutableArray<IntervalReading> Completed, Error? Issue);
