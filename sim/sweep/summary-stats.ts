/** The statistics of a sweep summary: pure functions of per-point, per-replication values. */
import type { RandomSource } from "../random.ts";

export type Interval = { estimate: number | null; ciLow: number | null; ciHigh: number | null };

const present = (values: readonly (number | null)[]) =>
  values.filter((v): v is number => v !== null);

function mean(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Per point, the mean over its replications (missing values left out); null when none is there. */
export function pointMeans(byPoint: readonly (readonly (number | null)[])[]): (number | null)[] {
  return byPoint.map((values) => {
    const have = present(values);
    return have.length > 0 ? mean(have) : null;
  });
}

// R's quantile type 7 on a sorted array.
function quantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * The share of design points at which `sign × (mean difference over replications)` is > 0 (the arm
 * beats the first), with a percentile bootstrap interval over replications: each resample redraws
 * every point's replications with replacement. Points with no value are left out. Null interval
 * with a single replication per point, where replications say nothing about the noise.
 */
export function shareBeating(
  byPoint: readonly (readonly (number | null)[])[],
  sign: 1 | -1,
  random: RandomSource,
  resamples = 1000,
  alpha = 0.05,
): Interval & { points: number } {
  const samples = byPoint.map(present).filter((values) => values.length > 0);
  if (samples.length === 0) return { estimate: null, ciLow: null, ciHigh: null, points: 0 };
  const share = (means: number[]) => means.filter((m) => sign * m > 0).length / means.length;
  const estimate = share(samples.map(mean));
  if (samples.every((values) => values.length < 2)) {
    return { estimate, ciLow: null, ciHigh: null, points: samples.length };
  }
  const shares = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let beats = 0;
    for (const values of samples) {
      let s = 0;
      for (let r = 0; r < values.length; r++) s += values[Math.floor(random() * values.length)];
      if (sign * s > 0) beats++;
    }
    shares[b] = beats / samples.length;
  }
  shares.sort();
  return {
    estimate,
    ciLow: quantile(shares, alpha / 2),
    ciHigh: quantile(shares, 1 - alpha / 2),
    points: samples.length,
  };
}

function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const out = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let t = i; t <= j; t++) out[order[t][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

/** Spearman's rank correlation of x and y (ties share their mean rank); null without variation. */
export function spearman(x: readonly number[], y: readonly number[]): number | null {
  if (x.length < 3) return null;
  const rx = ranks(x);
  const ry = ranks(y);
  const mx = mean(rx);
  const my = mean(ry);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < rx.length; i++) {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) ** 2;
    syy += (ry[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}

export type Split = { threshold: number; beatsWhen: "above" | "below"; accuracy: number };

/**
 * The one threshold on x that best tells points where the arm beats the first from the rest
 * ("beats when x is above t" or "below t"), t halfway between two observed values, and the share
 * of points it gets right. Null when x takes a single value.
 */
export function bestSplit(x: readonly number[], beats: readonly boolean[]): Split | null {
  const order = x.map((_, i) => i).sort((a, b) => x[a] - x[b]);
  const n = order.length;
  const totalBeats = beats.filter(Boolean).length;
  let best: Split | null = null;
  let beatsBelow = 0;
  for (let i = 0; i < n - 1; i++) {
    if (beats[order[i]]) beatsBelow++;
    const lo = x[order[i]];
    const hi = x[order[i + 1]];
    if (hi === lo) continue;
    const below = i + 1;
    // "above": predict beats above t; right below where it does not beat, above where it does.
    const above = (below - beatsBelow + (totalBeats - beatsBelow)) / n;
    const threshold = lo + (hi - lo) / 2;
    for (const [beatsWhen, accuracy] of [
      ["above", above],
      ["below", 1 - above],
    ] as const) {
      if (!best || accuracy > best.accuracy + 1e-12) best = { threshold, beatsWhen, accuracy };
    }
  }
  return best;
}
