// Take-and-pay supply at a time-of-use price.
// The buyer pays only for energy actually delivered: min(seller export, buyer import) each interval, at the
// price of the time-of-use table for the interval's UTC minute of day and day of week.
"use strict";

export const meta = {
  name: "Take-and-pay at a time-of-use price",
  version: "1.0.0",
  kind: "take-and-pay",
  description: "The buyer takes min(seller export, buyer import) each interval and pays the time-of-use price of the interval; no minimum.",
  parties: ["seller", "buyer"],
  meters: ["seller", "buyer"],
  prices: [],
  params: {
    price: { type: "tou", description: "Time-of-use price table { base, windows: [{ from, to, price, days? }] }, µ-currency/kWh, UTC minutes of day." },
  },
};

function pay(from, to, amount, label) {
  return amount >= 0 ? { from: from, to: to, amount: amount, label: label } : { from: to, to: from, amount: -amount, label: label };
}

export function interval(ctx) {
  const delivered = Math.min(ctx.meters.seller.export, ctx.meters.buyer.import);
  const price = flecs.tou(ctx.params.price, ctx.interval);
  return {
    allocations: [{ from: "seller", to: "buyer", energy: delivered, label: "supply" }],
    payments: [pay("buyer", "seller", flecs.value(delivered, price), "energy")],
  };
}
