// Demand response: a provider (a flexible consumer or prosumer) is paid for being available to reduce its
// consumption and, during events, for the reduction it delivers against an agreed baseline.
// Events follow a daily schedule: `events` is a profile of n flags (0 = no event, non-zero = event), n dividing
// 1440; flag k covers the minutes [k × 1440/n, (k + 1) × 1440/n) of the UTC day (24 flags = hours, 96 = quarter-
// hours). An interval is an event interval when the flag of the slot holding its start is non-zero and, if
// `eventDays` is given, its UTC day of week (1 = Monday … 7 = Sunday) is listed there.
// Each interval the buyer pays capacityPayment; in an event interval it also pays activationPrice for
// activation = max(baseline − metered import, 0).
"use strict";

export const meta = {
  name: "Demand response",
  version: "1.0.0",
  kind: "demand-response",
  description: "The buyer pays a capacity payment every interval and, in scheduled event intervals, the activation price for the provider's consumption below its baseline.",
  parties: ["provider", "buyer"],
  meters: ["provider"],
  prices: [],
  params: {
    capacityPayment: { type: "money", description: "Availability payment per interval, µ-currency." },
    activationPrice: { type: "price", description: "Price per kWh of activation (reduction below the baseline), µ-currency/kWh, ≥ 0." },
    baseline: { type: "energy", description: "Consumption expected in one interval without an event, mWh per interval." },
    events: { type: "profile", description: "Daily event schedule: n flags (0 = none, any other value = event), n dividing 1440; flag k covers minutes [k·1440/n, (k+1)·1440/n) UTC." },
    eventDays: { type: "profile", optional: true, description: "Days of week (1 = Monday … 7 = Sunday, UTC) on which the schedule applies; default every day." },
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
  if (p.activationPrice < 0) {
    throw new Error("demand-response: activationPrice must be non-negative.");
  }

  const payments = [{ from: "buyer", to: "provider", amount: p.capacityPayment, label: "capacity" }];
  if (scheduled(p.events, p.eventDays, ctx.interval)) {
    const activation = Math.max(p.baseline - ctx.meters.provider.import, 0);
    payments.push({ from: "buyer", to: "provider", amount: flecs.value(activation, p.activationPrice), label: "activation" });
  }

  return { payments: payments };
}
