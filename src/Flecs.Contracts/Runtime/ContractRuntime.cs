using Flecs.Core.Identity;
using Flecs.Core.Results;

namespace Flecs.Contracts.Runtime;

/// <summary>
/// Executes contract intervals: checks the inputs against the template's metadata, runs the template in its
/// sandbox (loaded once per code hash and reused: the realm is frozen, so calls cannot affect each other),
/// and checks the result. Deterministic: the same call gives the same outcome on every node and after a restart.
/// A Jint engine is single-threaded, so executions are serialized by a lock (uncontended on the node's
/// sequencer thread); give each worker thread its own runtime for parallel work.
/// </summary>
public sealed class ContractRuntime
{
    private readonly Lock _gate = new();
    private const int MaxCachedTemplates = 128;

    private readonly Dictionary<Hash256, Sandbox> _sandboxes = [];

    /// <summary>Creates a runtime with <paramref name="limits"/> (default: <see cref="ExecutionLimits.Ledger"/>).</summary>
    public ContractRuntime(ExecutionLimits? limits = null) => Limits = limits ?? ExecutionLimits.Ledger;

    /// <summary>The limits of every execution.</summary>
    public ExecutionLimits Limits { get; }

    /// <summary>Executes one interval of a contract.</summary>
    public Result<IntervalOutcome> Execute(ContractCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var valid = CheckInput(call);
        if (!valid.IsSuccess)
        {
            return valid.Error;
        }

        lock (_gate)
        {
            return ExecuteLocked(call);
        }
    }

    private Result<IntervalOutcome> ExecuteLocked(ContractCall call)
    {
        if (!_sandboxes.TryGetValue(call.Template.Hash, out var sandbox))
        {
            var loaded = Sandbox.Load(call.Template, Limits);
            if (!loaded.IsSuccess)
            {
                return loaded.Error;
            }

            if (_sandboxes.Count >= MaxCachedTemplates)
            {
                _sandboxes.Clear();
            }

            sandbox = loaded.Value;
            _sandboxes[call.Template.Hash] = sandbox;
        }

        var outcome = sandbox.Run(call);
        if (!outcome.IsSuccess)
        {
            // A failed call may have left the engine mid-way: the next call gets a fresh realm.
            _sandboxes.Remove(call.Template.Hash);
        }

        return outcome;
    }

    /// <summary>Runs a template over a series of intervals (term = the series), threading the state: what <c>flecs contract run</c>, the certification dry run and the benchmarks use.</summary>
    /// <param name="template">The template.</param>
    /// <param name="parameters">The parameters (checked against the schema, defaults filled in).</param>
    /// <param name="parties">Player ids by role; null uses the role names themselves.</param>
    /// <param name="series">The inputs.</param>
    public Result<IReadOnlyList<IntervalOutcome>> RunSeries(Templates.Template template, Values.ContractValue parameters, System.Collections.Immutable.ImmutableSortedDictionary<string, string>? parties, SeriesInput series)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(series);
        var checkedParameters = template.Meta.CheckParameters(parameters);
        if (!checkedParameters.IsSuccess)
        {
            return checkedParameters.Error;
        }

        parties ??= System.Collections.Immutable.ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, template.Meta.Parties.Select(r => new KeyValuePair<string, string>(r, r)));
        var outcomes = new List<IntervalOutcome>(series.Count);
        var state = series.InitialState;
        for (var i = 0; i < series.Count; i++)
        {
            var outcome = Execute(new ContractCall(template, checkedParameters.Value, parties, series.First.Index, series.End, state, series.At(i)));
            if (!outcome.IsSuccess)
            {
                return new Error(outcome.Error.Code, $"Interval {series.At(i).Interval}: {outcome.Error.Message}");
            }

            outcomes.Add(outcome.Value);
            state = outcome.Value.State;
        }

        return outcomes;
    }

    /// <summary>Checks that the call carries every meter and price the template declares, with non-negative energy.</summary>
    public static Result CheckInput(ContractCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var meta = call.Template.Meta;
        foreach (var role in meta.Parties)
        {
            if (!call.Parties.ContainsKey(role))
            {
                return Result.Fail(ContractErrors.InvalidParties, $"The contract has no '{role}'.");
            }
        }

        foreach (var role in meta.Meters)
        {
            if (!call.Input.Meters.TryGetValue(role, out var reading))
            {
                return Result.Fail(ContractErrors.InvalidInput, $"No meter reading of '{role}'.");
            }

            if (reading.Import < 0 || reading.Export < 0)
            {
                return Result.Fail(ContractErrors.InvalidInput, $"The reading of '{role}' is negative.");
            }
        }

        foreach (var price in meta.Prices)
        {
            if (!call.Input.Prices.ContainsKey(price))
            {
                return Result.Fail(ContractErrors.InvalidInput, $"No '{price}' price.");
            }
        }

        return call.Input.Interval.Index >= call.TermStart && call.Input.Interval.Index < call.TermEnd
            ? Result.Success
            : Result.Fail(ContractErrors.OutsideTerm, $"Interval {call.Input.Interval.Index} is outside the term [{call.TermStart}, {call.TermEnd}).");
    }
}
