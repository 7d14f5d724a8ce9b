namespace Flecs.Import;

/// <summary>The outcome of <see cref="ExactDecimal.TryParse"/>.</summary>
internal enum DecimalParseStatus
{
    /// <summary>Parsed exactly.</summary>
    Parsed = 0,

    /// <summary>Not digits with at most one decimal mark between digits (signs, spaces and exponents included).</summary>
    Malformed = 1,

    /// <summary>Well formed, but has non-zero digits beyond the unit's resolution.</summary>
    Inexact = 2,

    /// <summary>Well formed, but too large for a 64-bit count.</summary>
    TooLarge = 3,
}
