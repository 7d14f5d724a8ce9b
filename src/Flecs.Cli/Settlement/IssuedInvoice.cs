using Flecs.Core.Identity;

namespace Flecs.Cli.Settlement;

/// <summary>An invoice in a close receipt's output, as its exact bytes.</summary>
internal sealed record IssuedInvoice(string Account, long Period, ReadOnlyMemory<byte> Bytes, Hash256 Transaction, long Height);
