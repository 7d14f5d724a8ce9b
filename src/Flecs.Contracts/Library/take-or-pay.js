// Take-or-pay supply at a fixed price with a minimum offtake per billing period.
// Each interval the buyer takes min(seller export, buyer import) and pays the fixed price for it. The state
// counts the energy delivered in the billing period (a UTC calendar month, cut at the term's ends); on the
// period's last interval, if that total is below the minimum, the buyer also pays the shortfall
// (minimum − delivered) at the shortfall price. The count restarts with the next period.
"use strict";

export const meta = {
  name: "Take-or-pay",
  version: "1.0.0",
  kind: "take-or-pay",
  description: "The buyer takes min(seller export, buyer import) at a fixed price and pays for any shortfall below a minimum energy per billing period.",
  parties: ["seller", "buyer"],
  meters: ["seller", "buyer"],
  prices: [],
  params: {
    price: { type: "price", description: "Price per kWh delivered, µ-currency/kWh." },
    minimum: { type: "energy", description: "Minimum energy the buyer pays for per billing period, mWh." },
    shortfallPrice: { type: "price", optional: true, description: "Price per kWh of shortfall, µ-currency/kWh (default: price)." },
  },
};

function pay(from, to, amount, label) {
  return amount >= 0 ? { from: from, to: to, amount: amount, label: label } : { from: to, to: from, amount: -amount, label: label };
}

export function interval(ctx) {
  const period = ctx.interval.year * 100 + ctx.interval.month;
  const carried = ctx.interval.periodStart || ctx.state.period !== period ? 0 : ctx.state.delivered;
  const delivered = Math.min(ctx.meters.seller.export, ctx.meters.buyer.import);
  const total = carried + delivered;
  const payments = [pay("buyer", "seller", flecs.value(delivered, ctx.params.price), "energy")];
  if (ctx.interval.periodEnd && total < ctx.params.minimum) {
    const shortfallPrice = ctx.params.shortfallPrice === undefined ? ctx.params.price : ctx.params.shortfallPrice;
    payments.push(pay("buyer", "seller", flecs.value(ctx.params.minimum - total, shortfallPrice), "shortfall"));
  }

  return {
    allocations: [{ from: "seller", to: "buyer", energy: delivered, label: "supply" }],
    payments: payments,
    state: { period: period, delivered: total },
  };
}
