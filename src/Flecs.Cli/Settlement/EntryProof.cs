using System.Collections.Immutable;
using Flecs.Settlement.Close;

namespace Flecs.Cli.Settlement;

/// <summary>The account's entry in one interval and its two proofs: entry → interval root, interval leaf → period root.</summary>
internal sealed record EntryProof(long Interval, IntervalRecord Record, ImmutableArray<JournalLine> Lines, InclusionProof ToIntervalRoot, InclusionProof ToPeriodRoot);
