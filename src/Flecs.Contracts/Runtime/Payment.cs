namespace Flecs.Contracts.Runtime;

/// <summary>Money paid from one party to another for an interval (µ-currency).</summary>
/// <param name="From">The paying party's role.</param>
/// <param name="To">The paid party's role.</param>
/// <param name="Amount">µ-currency, &gt; 0.</param>
/// <param name="Label">What it is for (an invoice line's label).</param>
public sealed record Payment(string From, string To, long Amount, string Label);
