using System.Collections.Immutable;
using CsCheck;
using Flecs.Contracts.Library;
using Flecs.Contracts.Runtime;
using Flecs.Contracts.Templates;
using Flecs.Contracts.Values;
using Flecs.Core.Time;

namespace Flecs.Contracts.Tests.Sandbox;

/// <summary>Whatever the meter readings and prices, every standard template's payments net to zero across the parties, and its results are integers and non-negative.</summary>
public sealed class PaymentPropertyTests
{
    private static readonly Gen<(long Import, long Export)> Reading = Gen.Select(Gen.Long[0, 2_000_000], Gen.Long[0, 2_000_000]);

    [Fact]
    public void Execute_AnyStandardTemplateAnyInputs_PaymentsSumToZeroAndAreNonNegative()
    {
        // A runtime is single-threaded (like the node's sequencer) and CsCheck samples in parallel: one runtime per sample.
        Gen.Select(Gen.Int[0, StandardLibrary.All.Length - 1], Reading.Array[8], Gen.Long[-500_000, 2_000_000].Array[8], Gen.Int[0, 2_000]).Sample((which, readings, prices, offset) =>
        {
            var runtime = new ContractRuntime();
            var template = StandardLibrary.All[which];
            var checkedParameters = template.Meta.CheckParameters(DryRunSample.For(template.Meta)["params"]!);
            Assert.True(checkedParameters.IsSuccess, $"{template.Meta.Kind}: {(checkedParameters.IsSuccess ? string.Empty : checkedParameters.Error.ToString())}");
            var parameters = checkedParameters.Value;
            var parties = template.Meta.Parties.ToImmutableSortedDictionary(r => r, r => r, StringComparer.Ordinal);
            var first = (1_767_225_600L / 900) + offset;
            var state = ContractValue.EmptyMap;
            for (var i = 0; i < 8; i++)
            {
                var meters = template.Meta.Meters.Select((role, k) => (role, readings[(i + k) % 8])).ToImmutableSortedDictionary(m => m.role, m => new MeterReading(m.Item2.Import, m.Item2.Export, Renewable: i % 2 == 0), StringComparer.Ordinal);
                var input = new IntervalInput(new DeliveryInterval(IntervalLength.FromMinutes(15), first + i), meters, template.Meta.Prices.ToImmutableSortedDictionary(p => p, _ => prices[i], StringComparer.Ordinal));
                var outcome = runtime.Execute(new ContractCall(template, parameters, parties, first, first + 8, state, input));
                Assert.True(outcome.IsSuccess, $"{template.Meta.Kind}: {(outcome.IsSuccess ? string.Empty : outcome.Error.ToString())}");
                Assert.Equal(0, outcome.Value.NetMoney().Values.Sum());
                Assert.All(outcome.Value.Payments, p => Assert.True(p.Amount > 0 && parties.ContainsKey(p.From) && parties.ContainsKey(p.To) && p.From != p.To));
                Assert.All(outcome.Value.Allocations, a => Assert.True(a.Energy > 0));
                state = outcome.Value.State;
            }
        }, iter: 300);
    }
}
