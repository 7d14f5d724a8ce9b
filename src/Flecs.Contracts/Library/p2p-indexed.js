// Peer-to-peer supply indexed to a reference price, with a collar.
// Each interval the buyer takes the seller's metered export, up to the buyer's metered import. The unit price
// is the reference price plus a spread, held between a floor and a cap. The buyer pays the seller that price
// for exactly the traded energy; when the unit price is negative the seller pays the buyer its absolute value.
"use strict";

export const meta = {
  name: "P2P indexed with a collar",
  version: "1.0.0",
  kind: "p2p-indexed",
  description: "The buyer takes min(seller export, buyer import) each interval at clamp(reference + spread, floor, cap) per kWh; a negative price is paid by the seller.",
  parties: ["seller", "buyer"],
  meters: ["seller", "buyer"],
  prices: ["reference"],
  params: {
    spread: { type: "price", optional: true, default: 0, description: "Added to the reference price, µ-currency/kWh (may be negative)." },
    floor: { type: "price", description: "Lowest unit price, µ-currency/kWh (may be negative)." },
    cap: { type: "price", description: "Highest unit price, µ-currency/kWh; at least the floor." },
  },
};

export function interval(ctx) {
  const p = ctx.params;
  if (p.floor > p.cap) {
    throw new Error("p2p-indexed: floor (" + p.floor + ") is above cap (" + p.cap + ").");
  }

  const energy = Math.min(ctx.meters.seller.export, ctx.meters.buyer.import);
  const price = flecs.clamp(ctx.prices.reference + p.spread, p.floor, p.cap);
  const payment = price >= 0
    ? { from: "buyer", to: "seller", amount: flecs.value(energy, price), label: "p2p energy" }
    : { from: "seller", to: "buyer", amount: flecs.value(energy, -price), label: "p2p energy" };

  return {
    allocations: [{ from: "seller", to: "buyer", energy: energy, label: "p2p" }],
    payments: [payment],
  };
}
