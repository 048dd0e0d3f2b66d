import { simulateBlock } from "../../sim/engine/block.ts";
import { CAUSE_NONE, CAUSE_OVER_MESSAGING } from "../../sim/engine/outcomes.ts";
import { jobsFor, prepare } from "../../sim/run.ts";
import type { Scenario } from "../../sim/scenario/normalize.ts";
import type { Strategy } from "../../strategies/index.ts";

/** Per-member figures whose means two engines of the same model must agree on. */
export const MOMENT_KEYS = [
  "purchases",
  "converted",
  "revenue",
  "clv",
  "cost",
  "messages",
  "optedOut",
  "churned",
  "overMessaging",
  "referred",
  "depthEnd",
  "lastActivityDay",
] as const;
export type MomentKey = (typeof MOMENT_KEYS)[number];
export type Moments = Record<MomentKey, { n: number; mean: number; variance: number }>;

/**
 * Mean and variance of each figure over the randomised members of a one-arm run: what a test
 * needs to tell two engines of the same model apart from two samples of it.
 */
export function memberMoments(options: {
  scenario: Scenario;
  strategy: Strategy;
  members: number;
  days: number;
  seed: number;
}): Moments {
  const prepared = prepare({ ...options, strategies: [options.strategy] });
  const sums = new Map<MomentKey, { n: number; sum: number; squares: number }>(
    MOMENT_KEYS.map((k) => [k, { n: 0, sum: 0, squares: 0 }]),
  );
  const add = (key: MomentKey, x: number) => {
    const s = sums.get(key)!;
    s.n++;
    s.sum += x;
    s.squares += x * x;
  };
  for (const job of jobsFor(prepared)) {
    const b = simulateBlock(prepared.tables, prepared.plans, job);
    for (let i = 0; i < b.count; i++) {
      add("purchases", b.purchases[i]);
      add("converted", b.purchases[i] > 0 ? 1 : 0);
      add("revenue", b.revenue[i]);
      add("clv", b.clv[i]);
      add("cost", b.cost[i]);
      add("messages", b.messages[i]);
      add("optedOut", b.optedOut[i] !== 0 ? 1 : 0);
      add("churned", b.churnCause[i] !== CAUSE_NONE ? 1 : 0);
      add("overMessaging", b.churnCause[i] === CAUSE_OVER_MESSAGING ? 1 : 0);
      add("referred", b.referred[i]);
      add("depthEnd", b.depthEnd[i]);
      add("lastActivityDay", b.lastActivityDay[i]);
    }
  }
  const moments = {} as Moments;
  for (const [key, s] of sums) {
    const mean = s.sum / s.n;
    moments[key] = { n: s.n, mean, variance: Math.max(0, s.squares / s.n - mean * mean) };
  }
  return moments;
}

/** The z statistic of the difference of two means. */
export function zOfDifference(
  a: { n: number; mean: number; variance: number },
  b: { n: number; mean: number; variance: number },
): number {
  const se = Math.sqrt(a.variance / a.n + b.variance / b.n);
  if (se === 0) return a.mean === b.mean ? 0 : Number.POSITIVE_INFINITY;
  return (a.mean - b.mean) / se;
}
