using Flecs.Market.Clearing;
using Flecs.Market.MeritOrder;

namespace Flecs.Cli.Market;

/// <summary>What <c>flecs market clear</c> computed: an SPM auction or an MPM merit order, and whether constraints applied.</summary>
/// <param name="MechanismName">The mechanism as named on the command line.</param>
/// <param name="Clearing">The fills and outcomes (for the merit order too).</param>
/// <param name="MeritOrder">The merit-order result, for <c>merit-order</c>.</param>
/// <param name="Constrained">True when the book carried grid constraints.</param>
internal sealed record ClearOutcome(string MechanismName, ClearingResult Clearing, MeritOrderResult? MeritOrder, bool Constrained);
