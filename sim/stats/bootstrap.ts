import { InputError, show } from "../errors.ts";
import type { RandomSource } from "../random.ts";
import { requireCount, requireOpenUnit, requireSample } from "./validate.ts";

export type BootstrapOptions = {
  /** The random source, e.g. `seededRandom(seed, "bootstrap")`. */
  random: RandomSource;
  /** Resamples; default 1000 — enough for a 95% percentile interval to about ±1% of its width. */
  resamples?: number;
  /** 1 − confidence; default 0.05. */
  alpha?: number;
};

export type BootstrapInterval = {
  /** The statistic on the original sample(s). */
  estimate: number;
  ciLow: number;
  ciHigh: number;
  resamples: number;
};

function settings(what: string, options: BootstrapOptions): { resamples: number; alpha: number } {
  const resamples = options.resamples ?? 1000;
  const alpha = options.alpha ?? 0.05;
  requireCount(what, "resamples", resamples, 10);
  requireOpenUnit(what, "alpha", alpha);
  if (typeof options.random !== "function") {
    throw new InputError(`${what} requires a random source, got ${show(options.random)}`);
  }
  return { resamples, alpha };
}

// R's quantile type 7 on a sorted array.
function sortedQuantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function interval(estimate: number, stats: Float64Array, alpha: number): BootstrapInterval {
  stats.sort();
  return {
    estimate,
    ciLow: sortedQuantile(stats, alpha / 2),
    ciHigh: sortedQuantile(stats, 1 - alpha / 2),
    resamples: stats.length,
  };
}

function resampledMean(values: ArrayLike<number>, random: RandomSource): number {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[Math.floor(random() * n)];
  return sum / n;
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

/**
 * Percentile bootstrap interval for the mean (heavy-tailed revenue or CLV). Cost is one random
 * draw per value per resample: 500,000 values × 1000 resamples take about 4–5 s on one core.
 * Throws InputError for an empty sample, non-finite values, fewer than 10 resamples or a
 * missing random source.
 * @example bootstrapMean(clv, { random: seededRandom(1, "bootstrap") }) // { estimate, ciLow, ciHigh }
 */
export function bootstrapMean(
  values: ArrayLike<number>,
  options: BootstrapOptions,
): BootstrapInterval {
  const what = "bootstrap of the mean";
  const { resamples, alpha } = settings(what, options);
  requireSample(what, "values", values);
  const stats = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) stats[r] = resampledMean(values, options.random);
  return interval(mean(values), stats, alpha);
}

/**
 * Percentile bootstrap interval for mean(b) − mean(a), resampling each group on its own.
 * @example bootstrapMeanDifference({ a, b }, { random: seededRandom(1, "bootstrap") })
 */
export function bootstrapMeanDifference(
  samples: { a: ArrayLike<number>; b: ArrayLike<number> },
  options: BootstrapOptions,
): BootstrapInterval {
  const what = "bootstrap of a difference in means";
  const { resamples, alpha } = settings(what, options);
  requireSample(what, "a", samples.a);
  requireSample(what, "b", samples.b);
  const stats = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    stats[r] = resampledMean(samples.b, options.random) - resampledMean(samples.a, options.random);
  }
  return interval(mean(samples.b) - mean(samples.a), stats, alpha);
}

/**
 * Percentile bootstrap interval for the median (the lower-upper average for even n). Each
 * resample only counts how often each sorted position is drawn, then walks the counts to the
 * middle — O(n) per resample with no copying or sorting.
 * @example bootstrapMedian(clv, { random: seededRandom(1, "bootstrap") })
 */
export function bootstrapMedian(
  values: ArrayLike<number>,
  options: BootstrapOptions,
): BootstrapInterval {
  const what = "bootstrap of the median";
  const { resamples, alpha } = settings(what, options);
  requireSample(what, "values", values);
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const counts = new Uint32Array(n);
  const stats = new Float64Array(resamples);
  const lowRank = Math.floor((n - 1) / 2);
  const highRank = Math.floor(n / 2);
  for (let r = 0; r < resamples; r++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[Math.floor(options.random() * n)]++;
    let seen = 0;
    let low = Number.NaN;
    for (let k = 0; k < n; k++) {
      seen += counts[k];
      if (Number.isNaN(low) && seen > lowRank) low = sorted[k];
      if (seen > highRank) {
        stats[r] = (low + sorted[k]) / 2;
        break;
      }
    }
  }
  return interval((sorted[lowRank] + sorted[highRank]) / 2, stats, alpha);
}
