using System.Collections.Immutable;
using Flecs.Core.Identity;

namespace Flecs.Cli.Settlement;

/// <summary>One interval record of a close receipt, with each entry's exact bytes (docs/settlement.md#receipt-output).</summary>
/// <param name="Interval">The interval.</param>
/// <param name="Root">The interval root as stored.</param>
/// <param name="Entries">Each entry's account and canonical bytes <c>[account, lines]</c>, in record order.</param>
/// <param name="Transaction">The close transaction that settled it.</param>
/// <param name="Height">Its block.</param>
internal sealed record IntervalRecord(long Interval, Hash256 Root, ImmutableArray<(string Account, ReadOnlyMemory<byte> Bytes)> Entries, Hash256 Transaction, long Height);
