using Flecs.Contracts.Values;
using Flecs.Core.Identity;

namespace Flecs.Contracts.Lifecycle;

/// <summary>The template and parameters in force from an interval on (the original terms, an amendment or an SA patch).</summary>
/// <param name="From">The first interval it applies to.</param>
/// <param name="TemplateHash">The template.</param>
/// <param name="Parameters">The parameters (schema-checked, defaults filled).</param>
/// <param name="Reason">Why it changed ("" for the original terms and amendments; the SA's reason for a patch).</param>
public sealed record ContractVersion(long From, Hash256 TemplateHash, ContractValue Parameters, string Reason);
