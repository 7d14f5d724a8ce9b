using System.Collections.Immutable;

namespace Flecs.Import;

/// <summary>One EDIFACT segment with its release characters already removed.</summary>
/// <param name="Number">The segment's position in the interchange, from 1 (the UNA service string advice counts).</param>
/// <param name="Raw">The segment as written in the file, without its terminator, for messages.</param>
/// <param name="Tag">The three-letter segment tag.</param>
/// <param name="Elements">The data elements after the tag, each a list of components.</param>
internal sealed record EdifactSegment(int Number, string Raw, string Tag, ImmutableArray<ImmutableArray<string>> Elements)
{
    /// <summary>A component's text, or empty when the segment does not have it.</summary>
    /// <param name="element">The data element, from 1 (the first after the tag).</param>
    /// <param name="component">The component, from 1.</param>
    public string Component(int element, int component) =>
        element >= 1 && element <= Elements.Length && component >= 1 && component <= Elements[element - 1].Length
            ? Elements[element - 1][component - 1]
            : string.Empty;

    /// <summary>The position for messages: <c>segment N ('…')</c>, the text shortened past 60 characters.</summary>
    public string Position => FormattableString.Invariant($"segment {Number} ('{(Raw.Length <= 60 ? Raw : Raw[..57] + "...")}')");
}
