// Virtual (financial) PPA settled as a contract for difference.
// No energy changes hands: each interval the settled volume is the generator's metered export times the
// volume share, and the parties settle the difference between the strike and the reference price on it.
// strike > reference: the offtaker pays the generator; strike < reference: the generator pays the offtaker.
"use strict";

export const meta = {
  name: "Virtual PPA (contract for difference)",
  version: "1.0.0",
  kind: "virtual-ppa",
  description: "Financial PPA: on export × share the offtaker pays (strike − reference) when positive, the generator pays (reference − strike) when negative.",
  parties: ["generator", "offtaker"],
  meters: ["generator"],
  prices: ["reference"],
  params: {
    strike: { type: "price", description: "Strike price, µ-currency/kWh." },
    share: { type: "ratio", optional: true, default: 1000000, description: "Share of the generator's metered export that is settled, ppm (default 1,000,000 = all)." },
  },
};

export function interval(ctx) {
  const energy = flecs.mulDiv(ctx.meters.generator.export, ctx.params.share, 1000000);
  const difference = ctx.params.strike - ctx.prices.reference;
  if (difference >= 0) {
    return { payments: [{ from: "offtaker", to: "generator", amount: flecs.value(energy, difference), label: "cfd" }] };
  }

  return { payments: [{ from: "generator", to: "offtaker", amount: flecs.value(energy, -difference), label: "cfd" }] };
}
