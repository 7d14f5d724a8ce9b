namespace Flecs.Settlement.Meters;

/// <summary>Meter identifiers: 1–64 characters of A–Z, a–z, 0–9, '-', '.', '_' and ':', starting with a letter or digit (EAN/MPAN/MaLo ids fit).</summary>
public static class MeterId
{
    /// <summary>The longest id.</summary>
    public const int MaxLength = 64;

    /// <summary>True when <paramref name="id"/> is a well-formed meter id.</summary>
    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength || !char.IsAsciiLetterOrDigit(id[0]))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '.' or '_' or ':'))
            {
                return false;
            }
        }

        return true;
    }
}
