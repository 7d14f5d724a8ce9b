// Peer-to-peer supply at a fixed price.
// Each interval the buyer takes the seller's metered export, up to the buyer's metered import (and up to an
// optional cap per interval); the buyer pays the fixed price for exactly that energy.
"use strict";

export const meta = {
  name: "P2P at a fixed price",
  version: "1.0.0",
  kind: "p2p-fixed",
  description: "The buyer takes min(seller export, buyer import, cap) each interval and pays a fixed price per kWh.",
  parties: ["seller", "buyer"],
  meters: ["seller", "buyer"],
  prices: [],
  params: {
    price: { type: "price", description: "Price per kWh delivered, µ-currency/kWh." },
    cap: { type: "energy", optional: true, description: "Most energy traded per interval, mWh." },
  },
};

export function interval(ctx) {
  let energy = Math.min(ctx.meters.seller.export, ctx.meters.buyer.import);
  if (ctx.params.cap !== undefined) {
    energy = Math.min(energy, ctx.params.cap);
  }

  // A negative price (allowed for prices) reverses the payment: the seller pays the buyer to take the energy.
  const amount = flecs.value(energy, ctx.params.price);
  return {
    allocations: [{ from: "seller", to: "buyer", energy: energy, label: "p2p" }],
    payments: [amount >= 0
      ? { from: "buyer", to: "seller", amount: amount, label: "p2p energy" }
      : { from: "seller", to: "buyer", amount: -amount, label: "p2p energy" }],
  };
}
