using System.Collections.Immutable;
using Flecs.Core.Identity;

namespace Flecs.Cli.Settlement;

/// <summary>An RFC 9162 inclusion proof and whether it verifies.</summary>
internal sealed record InclusionProof(long LeafIndex, long TreeSize, Hash256 LeafHash, ImmutableArray<Hash256> Path, Hash256 Root, bool Ok);
