import type { AbTest } from "./ab-tests.ts";
import type { ArmMetrics } from "./analysis.ts";
import type { PairedSection } from "./paired.ts";

/** Mean and the 2.5 and 97.5 percentiles over replications (null when none had a value). */
export type Spread = { mean: number | null; low: number | null; high: number | null };

export type EffectSpread = {
  metric: string;
  arm: number;
  strategy: string;
  /** The test's diff over replications. */
  diff: Spread;
  /** Share of replications whose test was significant (after adjustment): the power. */
  significantShare: number;
  /** Paired mode: the true effect over replications. */
  truth?: Spread;
  /**
   * Paired mode: share of replications whose interval for the population's own effect
   * (sampleCiLow…sampleCiHigh) contained that replication's truth.
   */
  coverage?: number | null;
  /** Paired mode: the same for the usual interval (ciLow…ciHigh), conservative for this truth. */
  ciCoverage?: number | null;
};

export type ReplicationSummary = {
  count: number;
  /** Seeds run: seed, seed + 1, … (modulo 2^32). */
  seeds: number[];
  /** Per arm and metric, the spread of the arm's value. */
  arms: { strategy: string; metrics: Record<string, Spread> }[];
  effects: EffectSpread[];
};

/** What one replication contributes: the parts of its report the summary reads. */
export type ReplicationResult = {
  seed: number;
  armMetrics: ArmMetrics[];
  tests: AbTest[];
  paired?: PairedSection;
};

/**
 * The spread of the simulated world itself: every arm's metrics and every effect over the
 * replications, with the power and, in paired mode, the coverage of the true effect.
 */
export function summariseReplications(runs: readonly ReplicationResult[]): ReplicationSummary {
  const first = runs[0];
  const arms = first.armMetrics.map((arm, a) => ({
    strategy: arm.strategy,
    metrics: Object.fromEntries(
      Object.keys(arm.values).map((id) => [
        id,
        spread(runs.map((r) => r.armMetrics[a].values[id])),
      ]),
    ),
  }));
  const effects = first.tests.map((test, k): EffectSpread => {
    const effect: EffectSpread = {
      metric: test.metric,
      arm: test.arm,
      strategy: test.strategy,
      diff: spread(runs.map((r) => r.tests[k].diff)),
      significantShare: runs.filter((r) => r.tests[k].significant).length / runs.length,
    };
    if (first.paired) {
      const paired = runs.map((r) => r.paired?.effects[k]);
      effect.truth = spread(paired.map((e) => e?.truth ?? null));
      effect.coverage = share(paired.map((e) => e?.covered ?? null));
      effect.ciCoverage = share(paired.map((e) => e?.ciCovered ?? null));
    }
    return effect;
  });
  return { count: runs.length, seeds: runs.map((r) => r.seed), arms, effects };
}

/** Mean and R's type-7 2.5/97.5 percentiles of the values that are not null. */
export function spread(values: readonly (number | null)[]): Spread {
  const known = Float64Array.from(values.filter((v): v is number => v !== null)).sort();
  if (known.length === 0) return { mean: null, low: null, high: null };
  let sum = 0;
  for (const v of known) sum += v;
  return { mean: sum / known.length, low: quantile(known, 0.025), high: quantile(known, 0.975) };
}

function quantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Share of true among the judged (non-null) values; null when none was judged. */
function share(flags: readonly (boolean | null)[]): number | null {
  const judged = flags.filter((f) => f !== null);
  return judged.length > 0 ? judged.filter((f) => f).length / judged.length : null;
}
