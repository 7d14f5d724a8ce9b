using System.Collections.Immutable;
using Flecs.Core.Identity;

namespace Flecs.Contracts.Templates;

/// <summary>A template that passed static analysis: its exact source, code hash, metadata, and the script the sandbox runs.</summary>
/// <param name="Source">The module source exactly as certified.</param>
/// <param name="Hash">SHA-256 of the UTF-8 source: the template's identity on the ledger.</param>
/// <param name="Meta">The metadata.</param>
/// <param name="Script">The source with its <c>export</c> keywords blanked (same length and positions), run as a strict script.</param>
/// <param name="TopLevelNames">The names the module declares at top level (frozen after loading).</param>
public sealed record Template(string Source, Hash256 Hash, TemplateMeta Meta, string Script, ImmutableArray<string> TopLevelNames)
{
    /// <summary>The largest template source, in bytes of UTF-8 (a certify-template transaction must fit the genesis transaction limit, 16 KiB by default).</summary>
    public const int MaxSourceBytes = 12 * 1024;
}
