// Green certificates (guarantees of origin) from a producer's metered renewable export.
// One certificate is issued per whole MWh (1 MWh = 1,000,000,000 mWh) of export metered by a renewable meter;
// the part below a whole MWh is carried in the contract state to the next interval (and is forfeited at the
// end of the term). Export of a non-renewable meter earns nothing and leaves the carried remainder as it is.
// Issued certificates go to the producer; with transferToBuyer (the default) they are transferred to the buyer
// in the same interval and the buyer pays certificatePrice per certificate.
"use strict";

const MWH = 1000000000;

export const meta = {
  name: "Green certificates",
  version: "1.0.0",
  kind: "green-certificates",
  description: "Issues one certificate per whole MWh of renewable metered export to the producer (carrying the remainder) and optionally sells them to the buyer at a fixed price per certificate.",
  parties: ["producer", "buyer"],
  meters: ["producer"],
  prices: [],
  params: {
    transferToBuyer: { type: "bool", optional: true, default: true, description: "Transfer every issued certificate to the buyer (who pays certificatePrice for it)." },
    certificatePrice: { type: "money", optional: true, default: 0, description: "Price per certificate transferred, µ-currency." },
  },
};

export function interval(ctx) {
  const carried = ctx.state.remainder === undefined ? 0 : ctx.state.remainder;
  const meter = ctx.meters.producer;
  if (!meter.renewable) {
    return { state: { remainder: carried } };
  }

  const total = carried + meter.export;
  const count = flecs.divFloor(total, MWH);
  const remainder = total - count * MWH;
  if (count === 0) {
    return { state: { remainder: remainder } };
  }

  const certificates = [{ action: "issue", to: "producer", count: count }];
  const payments = [];
  if (ctx.params.transferToBuyer) {
    certificates.push({ action: "transfer", from: "producer", to: "buyer", count: count });
    payments.push({ from: "buyer", to: "producer", amount: flecs.mulDiv(count, ctx.params.certificatePrice, 1), label: "certificates" });
  }

  return { certificates: certificates, payments: payments, state: { remainder: remainder } };
}
