using System.Collections.Immutable;
using Flecs.Contracts.Values;

namespace Flecs.Contracts.Runtime;

/// <summary>The result of one interval execution.</summary>
/// <param name="Interval">The interval index.</param>
/// <param name="Allocations">Energy allocations.</param>
/// <param name="Payments">Payments.</param>
/// <param name="Certificates">Certificate events.</param>
/// <param name="State">The contract state after the interval.</param>
public sealed record IntervalOutcome(long Interval, ImmutableArray<Allocation> Allocations, ImmutableArray<Payment> Payments, ImmutableArray<CertificateEvent> Certificates, ContractValue State)
{
    /// <summary>The net money of each role (received − paid): sums to zero over the roles.</summary>
    public ImmutableSortedDictionary<string, long> NetMoney()
    {
        var net = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var p in Payments)
        {
            net[p.From] = checked(net.GetValueOrDefault(p.From) - p.Amount);
            net[p.To] = checked(net.GetValueOrDefault(p.To) + p.Amount);
        }

        return net.ToImmutableSortedDictionary(StringComparer.Ordinal);
    }
}
