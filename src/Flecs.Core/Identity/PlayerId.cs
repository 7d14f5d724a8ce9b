using System.Diagnostics.CodeAnalysis;

namespace Flecs.Core.Identity;

/// <summary>The identifier of a market player (or validator): 1–64 characters of <c>a–z</c>, <c>0–9</c>, <c>-</c>, <c>.</c> and <c>_</c>, starting with a letter or digit.</summary>
/// <remarks>Identifiers are chosen at registration and never change (a key rotation keeps the id). They are case-sensitive and compared ordinally.</remarks>
public readonly record struct PlayerId : IComparable<PlayerId>
{
    /// <summary>The longest identifier in characters.</summary>
    public const int MaxLength = 64;

    private PlayerId(string value) => Value = value;

    /// <summary>The identifier text.</summary>
    public string Value { get; }

    /// <summary>Validates and wraps an identifier.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out PlayerId id)
    {
        id = default;
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength || !IsLowerAlphanumeric(text[0]))
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsLowerAlphanumeric(c) && c is not ('-' or '.' or '_'))
            {
                return false;
            }
        }

        id = new PlayerId(text);
        return true;
    }

    /// <summary>Validates and wraps an identifier; throws <see cref="FormatException"/> on a bad one.</summary>
    public static PlayerId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a player id (1–64 of a–z, 0–9, '-', '.', '_', starting with a letter or digit).");

    /// <inheritdoc/>
    public int CompareTo(PlayerId other) => string.CompareOrdinal(Value, other.Value);

    /// <inheritdoc/>
    public override string ToString() => Value ?? string.Empty;

    private static bool IsLowerAlphanumeric(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    /// <summary>Compares two values.</summary>
    public static bool operator <(PlayerId left, PlayerId right) => left.CompareTo(right) < 0;

    /// <summary>Compares two values.</summary>
    public static bool operator >(PlayerId left, PlayerId right) => left.CompareTo(right) > 0;

    /// <summary>Compares two values.</summary>
    public static bool operator <=(PlayerId left, PlayerId right) => left.CompareTo(right) <= 0;

    /// <summary>Compares two values.</summary>
    public static bool operator >=(PlayerId left, PlayerId right) => left.CompareTo(right) >= 0;
}
