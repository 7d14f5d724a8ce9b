// Physical (sleeved) PPA at a fixed price with a contracted delivery profile.
// The profile splits the UTC day into equal slots (24 entries = one per UTC hour; any length dividing 1440
// works, e.g. 96 = quarter-hours); each entry is the most energy delivered per delivery interval in that slot.
// Each interval the offtaker takes min(generator export, profile[slot]) and pays the fixed price for it.
"use strict";

export const meta = {
  name: "Physical PPA (sleeved)",
  version: "1.0.0",
  kind: "physical-ppa",
  description: "The offtaker takes min(generator export, profile cap of the UTC time slot) each interval and pays a fixed price per kWh.",
  parties: ["generator", "offtaker"],
  meters: ["generator"],
  prices: [],
  params: {
    price: { type: "price", description: "Price per kWh delivered, µ-currency/kWh." },
    profile: { type: "profile", description: "Contracted energy per delivery interval, mWh, by UTC time slot: 24 entries = one per hour; the length must divide 1440." },
  },
};

function pay(from, to, amount, label) {
  return amount >= 0 ? { from: from, to: to, amount: amount, label: label } : { from: to, to: from, amount: -amount, label: label };
}

export function interval(ctx) {
  const profile = ctx.params.profile;
  if (1440 % profile.length !== 0) {
    throw new RangeError("physical-ppa: the profile's length must divide 1440 (e.g. 24 hourly entries).");
  }

  const slot = flecs.divFloor(ctx.interval.minuteOfDay * profile.length, 1440);
  const delivered = Math.min(ctx.meters.generator.export, profile[slot]);
  return {
    allocations: [{ from: "generator", to: "offtaker", energy: delivered, label: "ppa" }],
    payments: [pay("offtaker", "generator", flecs.value(delivered, ctx.params.price), "ppa energy")],
  };
}
