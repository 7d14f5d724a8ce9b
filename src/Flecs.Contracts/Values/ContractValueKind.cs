using System.Diagnostics.CodeAnalysis;

namespace Flecs.Contracts.Values;

/// <summary>The kind of a <see cref="ContractValue"/>.</summary>
public enum ContractValueKind
{
    /// <summary>No value (JSON/JS <c>null</c>).</summary>
    Null,

    /// <summary>A safe integer: |v| ≤ 2⁵³ − 1, so JavaScript represents it exactly.</summary>
    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Integer is the domain term.")]
    Integer,

    /// <summary>A boolean.</summary>
    Bool,

    /// <summary>A text string.</summary>
    Text,

    /// <summary>An ordered list.</summary>
    List,

    /// <summary>A map from text keys to values, ordered ordinally by key.</summary>
    Map,
}
