// Reserve availability (an ancillary service): the provider commits `capacity` of upward reserve to the
// operator, which pays for the availability every interval. In scheduled activation intervals the provider must
// export the committed power for the whole interval; it pays a penalty on the energy it falls short by.
// requested (mWh) = capacity (W) × minutes × 1000 / 60, rounded half to even (W × min / 60 = Wh; × 1000 = mWh).
// availability (µ) = capacity (W) × availabilityPrice (µ per MW per hour) × minutes / (10⁶ × 60), half to even.
// Activations follow a daily schedule like demand-response: `activations` is a profile of n flags (0 = none,
// non-zero = activation), n dividing 1440, flag k covering the minutes [k × 1440/n, (k + 1) × 1440/n) of the UTC
// day, optionally limited to `activationDays` (1 = Monday … 7 = Sunday). The activated energy itself is settled
// under the provider's supply contract, not here.
"use strict";

export const meta = {
  name: "Reserve availability",
  version: "1.0.0",
  kind: "reserve",
  description: "The operator pays for committed reserve capacity every interval; in scheduled activation intervals the provider pays a penalty per kWh of export below the requested energy.",
  parties: ["provider", "operator"],
  meters: ["provider"],
  prices: [],
  params: {
    capacity: { type: "power", description: "Committed reserve power, W." },
    availabilityPrice: { type: "money", description: "Availability price, µ-currency per MW of committed capacity per hour." },
    penaltyPrice: { type: "price", description: "Penalty per kWh not delivered in an activation interval, µ-currency/kWh, ≥ 0." },
    activations: { type: "profile", description: "Daily activation schedule: n flags (0 = none, any other value = activation), n dividing 1440; flag k covers minutes [k·1440/n, (k+1)·1440/n) UTC." },
    activationDays: { type: "profile", optional: true, description: "Days of week (1 = Monday … 7 = Sunday, UTC) on which the schedule applies; default every day." },
  },
};

// True when `interval` starts in a flagged slot of the daily `schedule` on one of `days` (all days when undefined).
function scheduled(schedule, days, interval) {
  const n = schedule.length;
  if (1440 % n !== 0) {
    throw new Error("The schedule has " + n + " slots; the number must divide 1440.");
  }

  if (days !== undefined) {
    let listed = false;
    for (let i = 0; i < days.length; i++) {
      if (days[i] < 1 || days[i] > 7) {
        throw new Error("Days of week are 1 (Monday) to 7 (Sunday).");
      }

      listed = listed || days[i] === interval.dayOfWeek;
    }

    if (!listed) {
      return false;
    }
  }

  return schedule[flecs.divFloor(interval.minuteOfDay, flecs.divFloor(1440, n))] !== 0;
}

export function interval(ctx) {
  const p = ctx.params;
  if (p.penaltyPrice < 0) {
    throw new Error("reserve: penaltyPrice must be non-negative.");
  }

  const minutes = ctx.interval.minutes;
  const payments = [{ from: "operator", to: "provider", amount: flecs.mulDiv(p.capacity * minutes, p.availabilityPrice, 60000000), label: "availability" }];
  if (scheduled(p.activations, p.activationDays, ctx.interval)) {
    const requested = flecs.mulDiv(p.capacity, minutes * 1000, 60);
    const shortfall = Math.max(requested - ctx.meters.provider.export, 0);
    payments.push({ from: "provider", to: "operator", amount: flecs.value(shortfall, p.penaltyPrice), label: "penalty" });
  }

  return { payments: payments };
}
