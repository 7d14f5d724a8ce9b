using System.Collections.Immutable;

namespace Flecs.Settlement.Close;

/// <summary>Lines keyed by (kind, reference), summed: one account's interval journal or its billing-period totals.</summary>
public sealed class AccountLines
{
    private readonly SortedDictionary<(LineKind Kind, string Reference), JournalLine> _lines = new(KeyComparer.Instance);

    /// <summary>True when there are no lines.</summary>
    public bool IsEmpty => _lines.Count == 0;

    /// <summary>Adds to the line of (kind, reference).</summary>
    public void Add(LineKind kind, string reference, long energy, long money, long certificates = 0)
    {
        var key = (kind, reference);
        _lines[key] = _lines.TryGetValue(key, out var line)
            ? line with { Energy = checked(line.Energy + energy), Money = checked(line.Money + money), Certificates = checked(line.Certificates + certificates) }
            : new JournalLine(kind, reference, energy, money, certificates);
    }

    /// <summary>Adds every line of <paramref name="other"/>.</summary>
    public void Add(IEnumerable<JournalLine> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var line in other)
        {
            Add(line.Kind, line.Reference, line.Energy, line.Money, line.Certificates);
        }
    }

    /// <summary>The lines in (kind, reference) order.</summary>
    public ImmutableArray<JournalLine> ToArray() => [.. _lines.Values];

    /// <summary>The sum of the money of every line.</summary>
    public long Money => _lines.Values.Sum(l => l.Money);

    private sealed class KeyComparer : IComparer<(LineKind Kind, string Reference)>
    {
        public static KeyComparer Instance { get; } = new();

        public int Compare((LineKind Kind, string Reference) x, (LineKind Kind, string Reference) y)
        {
            var c = x.Kind.CompareTo(y.Kind);
            return c != 0 ? c : string.CompareOrdinal(x.Reference, y.Reference);
        }
    }
}
