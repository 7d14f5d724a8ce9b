using System.Collections.Immutable;

namespace Flecs.Settlement.Close;

/// <summary>Lines keyed by (kind, reference), summed: one account's interval journal or its billing-period totals.</summary>
/// <remarks>An account has a handful of lines, so a list searched linearly beats any tree; <see cref="ToArray"/> sorts.</remarks>
public sealed class AccountLines
{
    private readonly List<JournalLine> _lines = new(6);

    /// <summary>True when there are no lines.</summary>
    public bool IsEmpty => _lines.Count == 0;

    /// <summary>Adds to the line of (kind, reference).</summary>
    public void Add(LineKind kind, string reference, long energy, long money, long certificates = 0)
    {
        for (var i = 0; i < _lines.Count; i++)
        {
            var line = _lines[i];
            if (line.Kind == kind && string.Equals(line.Reference, reference, StringComparison.Ordinal))
            {
                _lines[i] = line with { Energy = checked(line.Energy + energy), Money = checked(line.Money + money), Certificates = checked(line.Certificates + certificates) };
                return;
            }
        }

        _lines.Add(new JournalLine(kind, reference, energy, money, certificates));
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
    public ImmutableArray<JournalLine> ToArray()
    {
        var array = _lines.ToArray();
        Array.Sort(array, JournalLine.Compare);
        return ImmutableArray.Create(array);
    }

    /// <summary>The sum of the money of every line.</summary>
    public long Money
    {
        get
        {
            long sum = 0;
            foreach (var line in _lines)
            {
                sum = checked(sum + line.Money);
            }

            return sum;
        }
    }
}
