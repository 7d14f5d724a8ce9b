using System.Collections.Immutable;
using Flecs.Contracts.Templates;
using Flecs.Contracts.Values;

namespace Flecs.Contracts.Runtime;

/// <summary>One interval execution of a contract: its template and terms, its state before the interval, and the interval's inputs.</summary>
/// <param name="Template">The certified template.</param>
/// <param name="Parameters">The contract's parameters in force for this interval (schema-checked).</param>
/// <param name="Parties">Player ids by role.</param>
/// <param name="TermStart">The first interval of the term.</param>
/// <param name="TermEnd">The first interval after the term.</param>
/// <param name="State">The contract state before the interval (an empty map at first).</param>
/// <param name="Input">The interval's meter readings and prices.</param>
public sealed record ContractCall(
    Template Template,
    ContractValue Parameters,
    ImmutableSortedDictionary<string, string> Parties,
    long TermStart,
    long TermEnd,
    ContractValue State,
    IntervalInput Input);
