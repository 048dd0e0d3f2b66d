import type { SurvivalCurve } from "../sim/experiment/survival.ts";
import { kaplanMeier } from "../sim/stats/index.ts";

/** One day of an arm's Kaplan–Meier curve with its pointwise interval. */
export type KmDay = { day: number; survival: number; low: number; high: number; atRisk: number };

/**
 * An arm's Kaplan–Meier retention for every day 0…days with its pointwise (1 − alpha) band.
 *
 * The report carries S(d) and the members at risk per day but no band, so the band comes from
 * sim/stats' `kaplanMeier` (Greenwood variance, log scale, as R's survfit) run on the times to
 * churn and censoring that those counts imply: members leaving the risk set on day d are
 * atRisk[d] − atRisk[d + 1], and atRisk[d]·(1 − S(d)/S(d − 1)) of them churned. S(d) comes back
 * unchanged. Throws when the counts are not those of a Kaplan–Meier curve.
 */
export function kmBand(curve: SurvivalCurve, alpha: number): KmDay[] {
  const { survival, atRisk } = curve;
  const days = survival.length - 1;
  const members = atRisk[0] ?? 0;
  if (members === 0) {
    return survival.map((s, day) => ({ day, survival: s, low: s, high: s, atRisk: 0 }));
  }
  // Member times in ascending order (churned before censored on the same day, as in the report).
  const time = new Float64Array(members);
  const event = new Uint8Array(members);
  let k = 0;
  for (let d = 0; d <= days; d++) {
    const leaving = atRisk[d] - (d < days ? atRisk[d + 1] : 0);
    const churned =
      d > 0 && survival[d - 1] > 0
        ? Math.round(atRisk[d] * (1 - survival[d] / survival[d - 1]))
        : 0;
    if (leaving < churned || churned < 0 || k + leaving > members) {
      throw new Error(`invalid survival curve of ${curve.strategy}: day ${d}`);
    }
    time.fill(d, k, k + leaving);
    event.fill(1, k, k + churned);
    k += leaving;
  }
  const km = kaplanMeier({ time, event, alpha });
  const out: KmDay[] = [];
  let j = -1;
  for (let day = 0; day <= days; day++) {
    while (j + 1 < km.time.length && km.time[j + 1] <= day) j++;
    out.push({
      day,
      survival: survival[day],
      low: j < 0 ? 1 : km.ciLow[j],
      high: j < 0 ? 1 : km.ciHigh[j],
      atRisk: atRisk[day],
    });
  }
  return out;
}
