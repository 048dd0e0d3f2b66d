import type { SurvivalCurve } from "../sim/index.ts";

/** One day of an arm's Kaplan–Meier curve with its pointwise interval. */
export type KmDay = { day: number; survival: number; low: number; high: number; atRisk: number };

/** An arm's Kaplan–Meier curve and band (from the report) as one row per day, for Plot. */
export function kmBand(curve: SurvivalCurve): KmDay[] {
  return curve.survival.map((survival, day) => ({
    day,
    survival,
    low: curve.ciLow[day],
    high: curve.ciHigh[day],
    atRisk: curve.atRisk[day],
  }));
}
