// Prosumer-to-grid: retail supply and feed-in with a retailer (TradCo), indexed to the MPM price.
// Each interval the prosumer's metered import is supplied by the retailer and its metered export is fed in to
// the retailer. Supply price = mpm + supplySpread, or the supplyTou table's price when one is given.
// Feed-in price = mpm − feedInSpread. Both prices pass through uncapped: when the supply price is negative the
// retailer pays the prosumer for its import, and when the feed-in price is negative the prosumer pays the
// retailer for its export (what the retailer itself pays to sell that energy on the market).
"use strict";

export const meta = {
  name: "Prosumer-to-grid retail (MPM-indexed)",
  version: "1.0.0",
  kind: "p2g",
  description: "The retailer supplies the prosumer's import at mpm + supplySpread (or a time-of-use table) and buys its export at mpm − feedInSpread; negative prices reverse the payment.",
  parties: ["prosumer", "retailer"],
  meters: ["prosumer"],
  prices: ["mpm"],
  params: {
    supplySpread: { type: "price", optional: true, default: 0, description: "Added to the MPM price for supply, µ-currency/kWh, ≥ 0." },
    feedInSpread: { type: "price", optional: true, default: 0, description: "Subtracted from the MPM price for feed-in, µ-currency/kWh, ≥ 0." },
    supplyTou: { type: "tou", optional: true, description: "Time-of-use supply price table, µ-currency/kWh; when given it replaces mpm + supplySpread." },
  },
};

// A payment of value(energy, |price|): payer → payee for a non-negative price, the other way for a negative one.
function settle(payer, payee, energy, price, label) {
  return price >= 0
    ? { from: payer, to: payee, amount: flecs.value(energy, price), label: label }
    : { from: payee, to: payer, amount: flecs.value(energy, -price), label: label };
}

export function interval(ctx) {
  const p = ctx.params;
  if (p.supplySpread < 0 || p.feedInSpread < 0) {
    throw new Error("p2g: supplySpread and feedInSpread must be non-negative.");
  }

  const meter = ctx.meters.prosumer;
  const mpm = ctx.prices.mpm;
  const supplyPrice = p.supplyTou === undefined ? mpm + p.supplySpread : flecs.tou(p.supplyTou, ctx.interval);
  const feedInPrice = mpm - p.feedInSpread;

  return {
    allocations: [
      { from: "retailer", to: "prosumer", energy: meter.import, label: "supply" },
      { from: "prosumer", to: "retailer", energy: meter.export, label: "feed-in" },
    ],
    payments: [
      settle("prosumer", "retailer", meter.import, supplyPrice, "supply"),
      settle("retailer", "prosumer", meter.export, feedInPrice, "feed-in"),
    ],
  };
}
