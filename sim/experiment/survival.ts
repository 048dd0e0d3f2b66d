import type { BlockOutcome } from "../engine/outcomes.ts";
import {
  type BlockSummary,
  COUNT,
  COUNT_FIELDS,
  LIFE,
  lifeTable as summaryTable,
} from "../engine/summary.ts";
import { chiSquareSurvival, normalQuantile } from "../stats/index.ts";

/** Kaplan–Meier retention of one arm by day since join. */
export type SurvivalCurve = {
  strategy: string;
  /** S(d) for d = 0…days: the estimated share not churned within the first d days. */
  survival: number[];
  /** Members at risk at day d (observed at least d days and not churned before). */
  atRisk: number[];
  /**
   * Pointwise (1 − alpha) interval of S(d): Greenwood's variance on the log scale, as R's
   * `survfit` default (conf.type "log"), capped at 1; [0, 0] once S(d) reaches 0.
   */
  ciLow: number[];
  ciHigh: number[];
};

/** Log-rank test of one arm's churn curve against the first arm's. */
export type LogRank = { arm: number; strategy: string; chi2: number; p: number };

export type Survival = { curves: SurvivalCurve[]; logRank: LogRank[] };

/** Churn events and members leaving the risk set (events and censorings) per day since join. */
type LifeTable = { members: number; events: Float64Array; leaving: Float64Array };

/**
 * Time to churn is the number of days since join until the end of the churn day (churnDay + 1),
 * censored at the member's observation length (days − joinDay), so S(d) estimates what
 * `ArmReport.retention[d]` estimates, with every member counted until they leave observation.
 * Times are whole days, so the curves and the log-rank test (as R's `survdiff`) come from counts
 * per day, in O(members + days).
 */
export function survivalByArm(options: {
  merged: BlockOutcome;
  members: Uint32Array[];
  strategies: readonly string[];
  days: number;
  alpha: number;
}): Survival {
  const { merged, members, strategies, days, alpha } = options;
  const tables = members.map((list) => lifeTable(merged, list, days));
  return survivalOf(tables, strategies, days, alpha);
}

/** `survivalByArm` from a merged summary's life tables. */
export function survivalOfSummary(
  summary: BlockSummary,
  strategies: readonly string[],
  days: number,
  alpha: number,
): Survival {
  const tables = strategies.map((_, arm) => ({
    members: summary.counts[arm * COUNT_FIELDS + COUNT.members],
    events: summaryTable(summary, arm, LIFE.events),
    leaving: summaryTable(summary, arm, LIFE.leaving),
  }));
  return survivalOf(tables, strategies, days, alpha);
}

function survivalOf(
  tables: LifeTable[],
  strategies: readonly string[],
  days: number,
  alpha: number,
): Survival {
  const z = normalQuantile(1 - alpha / 2);
  const curves = tables.map((table, arm) => ({
    strategy: strategies[arm],
    ...kaplanMeier(table, days, z),
  }));
  const logRank: LogRank[] = [];
  for (let arm = 1; arm < tables.length; arm++) {
    logRank.push({ arm, strategy: strategies[arm], ...logRankOf(tables[0], tables[arm], days) });
  }
  return { curves, logRank };
}

function lifeTable(merged: BlockOutcome, list: Uint32Array, days: number): LifeTable {
  const events = new Float64Array(days + 1);
  const leaving = new Float64Array(days + 1);
  for (const i of list) {
    const churnDay = merged.churnDay[i];
    const time = churnDay >= 0 ? churnDay + 1 : days - merged.joinDay[i];
    if (churnDay >= 0) events[time]++;
    leaving[time]++;
  }
  return { members: list.length, events, leaving };
}

/** S(d) and its band carry their last values past the last member at risk (never NaN). */
function kaplanMeier(table: LifeTable, days: number, z: number): Omit<SurvivalCurve, "strategy"> {
  const survival = [1];
  const atRisk = [table.members];
  const ciLow = [1];
  const ciHigh = [1];
  let s = 1;
  let n = table.members;
  let greenwood = 0; // Σ d / (n (n − d)): the variance of ln S
  for (let t = 1; t <= days; t++) {
    n -= table.leaving[t - 1];
    const d = table.events[t];
    if (n > 0 && d > 0) {
      s *= 1 - d / n;
      if (n > d) greenwood += d / (n * (n - d));
    }
    survival.push(s);
    atRisk.push(n);
    const spread = Math.exp(z * Math.sqrt(greenwood));
    ciLow.push(s > 0 ? s / spread : 0);
    ciHigh.push(s > 0 ? Math.min(1, s * spread) : 0);
  }
  return { survival, atRisk, ciLow, ciHigh };
}

/** Chi-square on 1 df; chi2 0 and p 1 when no churn happens while both arms are at risk. */
function logRankOf(a: LifeTable, b: LifeTable, days: number): { chi2: number; p: number } {
  let na = a.members;
  let nb = b.members;
  let observed = 0;
  let expected = 0;
  let variance = 0;
  for (let t = 0; t <= days; t++) {
    const d = a.events[t] + b.events[t];
    const n = na + nb;
    if (d > 0 && n > 0) {
      const share = nb / n;
      observed += b.events[t];
      expected += d * share;
      if (n > 1) variance += (d * share * (1 - share) * (n - d)) / (n - 1);
    }
    na -= a.leaving[t];
    nb -= b.leaving[t];
  }
  if (!(variance > 0)) return { chi2: 0, p: 1 };
  const chi2 = (observed - expected) ** 2 / variance;
  return { chi2, p: chiSquareSurvival(chi2, 1) };
}
