namespace Flecs.Market.Clearing;

/// <summary>A matched quantity between two orders, by canonical index (internal form of a <see cref="Fill"/>).</summary>
/// <param name="Bid">The bid's canonical index.</param>
/// <param name="Ask">The offer's canonical index.</param>
/// <param name="Quantity">The matched mWh.</param>
internal readonly record struct Match(int Bid, int Ask, long Quantity);
