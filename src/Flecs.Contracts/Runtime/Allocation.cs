namespace Flecs.Contracts.Runtime;

/// <summary>Energy allocated from one party to another in an interval (mWh).</summary>
/// <param name="From">The delivering party's role.</param>
/// <param name="To">The receiving party's role.</param>
/// <param name="Energy">mWh, &gt; 0.</param>
/// <param name="Label">What it is (an invoice line's label).</param>
public sealed record Allocation(string From, string To, long Energy, string Label);
