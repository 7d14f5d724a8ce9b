// On-site or off-site PPA at a fixed price.
// Each interval the offtaker takes min(generator export, offtaker import) and pays the generator the fixed
// price for it. Off-site, that energy crosses the distribution network, so the offtaker also pays the
// network operator its tariff on the same energy; on-site (behind the meter) there is no network charge.
"use strict";

export const meta = {
  name: "Site PPA (on-site or off-site)",
  version: "1.0.0",
  kind: "site-ppa",
  description: "The offtaker takes min(generator export, offtaker import) at a fixed price; off-site it also pays the network tariff on that energy.",
  parties: ["generator", "offtaker", "network"],
  meters: ["generator", "offtaker"],
  prices: [],
  params: {
    price: { type: "price", description: "Price per kWh delivered, µ-currency/kWh." },
    offsite: { type: "bool", description: "true: the generator is off-site and the energy uses the network; false: on-site, no network charge." },
    networkTariff: { type: "price", optional: true, description: "Network tariff per kWh delivered off-site, µ-currency/kWh (required when offsite)." },
  },
};

function pay(from, to, amount, label) {
  return amount >= 0 ? { from: from, to: to, amount: amount, label: label } : { from: to, to: from, amount: -amount, label: label };
}

export function interval(ctx) {
  if (ctx.params.offsite && ctx.params.networkTariff === undefined) {
    throw new RangeError("site-ppa: an off-site PPA needs the networkTariff parameter.");
  }

  const delivered = Math.min(ctx.meters.generator.export, ctx.meters.offtaker.import);
  const payments = [pay("offtaker", "generator", flecs.value(delivered, ctx.params.price), "ppa energy")];
  if (ctx.params.offsite) {
    payments.push(pay("offtaker", "network", flecs.value(delivered, ctx.params.networkTariff), "network"));
  }

  return {
    allocations: [{ from: "generator", to: "offtaker", energy: delivered, label: "ppa" }],
    payments: payments,
  };
}
