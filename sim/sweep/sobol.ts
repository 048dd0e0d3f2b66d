/**
 * Variance-based sensitivity (Sobol indices) by the Saltelli scheme: two independent samples A and
 * B of n points in the unit cube, and for each parameter i the matrix A_B^i (A with column i taken
 * from B). First-order indices by Saltelli et al. (2010, eq. (b) of table 2), total indices by
 * Jansen (1999), both as in Saltelli et al., "Variance based sensitivity analysis of model output",
 * Computer Physics Communications 181 (2010). Intervals: percentile bootstrap over the n rows.
 */
import type { RandomSource } from "../random.ts";

/** An index with its bootstrap interval; null where the output does not vary at all. */
export type SobolIndex = { estimate: number | null; ciLow: number | null; ciHigh: number | null };
export type SobolResult = { first: SobolIndex[]; total: SobolIndex[]; variance: number };

/**
 * The Saltelli sample: n × (k + 2) points of the unit cube [0, 1)^k, in the order A (n rows),
 * B (n rows), then A_B^1, …, A_B^k (n rows each). The outputs for these points, in this order,
 * are what `sobolIndices` takes.
 */
export function saltelliSample(n: number, k: number, random: RandomSource): number[][] {
  const a = Array.from({ length: n }, () => Array.from({ length: k }, () => random()));
  const b = Array.from({ length: n }, () => Array.from({ length: k }, () => random()));
  const rows = [...a, ...b];
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < n; j++) rows.push(a[j].map((value, c) => (c === i ? b[j][i] : value)));
  }
  return rows;
}

type Estimates = { first: number[]; total: number[]; variance: number };

function estimate(y: ArrayLike<number>, n: number, k: number, rows: ArrayLike<number>): Estimates {
  let sum = 0;
  let sumSquares = 0;
  for (let r = 0; r < n; r++) {
    const j = rows[r];
    for (const v of [y[j], y[n + j]]) {
      sum += v;
      sumSquares += v * v;
    }
  }
  const mean = sum / (2 * n);
  const variance = sumSquares / (2 * n) - mean * mean;
  const first: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < k; i++) {
    const offset = (2 + i) * n;
    let s = 0;
    let t = 0;
    for (let r = 0; r < n; r++) {
      const j = rows[r];
      const fa = y[j];
      const fab = y[offset + j];
      s += y[n + j] * (fab - fa);
      t += (fa - fab) * (fa - fab);
    }
    first.push(s / n / variance);
    total.push(t / (2 * n) / variance);
  }
  return { first, total, variance };
}

// R's quantile type 7 on a sorted array.
function quantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * First-order and total Sobol indices of outputs `y` (n × (k + 2) values in the order of
 * `saltelliSample`), with percentile bootstrap intervals from resampling the n rows (the same rows
 * of A, B and every A_B^i together).
 */
export function sobolIndices(
  y: ArrayLike<number>,
  n: number,
  k: number,
  options: { random: RandomSource; resamples?: number; alpha?: number },
): SobolResult {
  if (y.length !== n * (k + 2)) {
    throw new Error(`sobolIndices requires n × (k + 2) = ${n * (k + 2)} outputs, got ${y.length}`);
  }
  const identity = Uint32Array.from({ length: n }, (_, j) => j);
  const point = estimate(y, n, k, identity);
  if (!(point.variance > 1e-12 * Math.max(1, meanSquare(y, 2 * n)))) {
    const none = { estimate: null, ciLow: null, ciHigh: null };
    return { first: Array(k).fill(none), total: Array(k).fill(none), variance: 0 };
  }
  const resamples = options.resamples ?? 1000;
  const alpha = options.alpha ?? 0.05;
  const firsts = Array.from({ length: k }, () => new Float64Array(resamples));
  const totals = Array.from({ length: k }, () => new Float64Array(resamples));
  const rows = new Uint32Array(n);
  let kept = 0;
  for (let b = 0; b < resamples; b++) {
    for (let r = 0; r < n; r++) rows[r] = Math.floor(options.random() * n);
    const e = estimate(y, n, k, rows);
    if (!(e.variance > 0)) continue; // a resample of identical rows has no variance to share out
    for (let i = 0; i < k; i++) {
      firsts[i][kept] = e.first[i];
      totals[i][kept] = e.total[i];
    }
    kept++;
  }
  const interval = (values: Float64Array, estimate: number): SobolIndex => {
    const sorted = values.slice(0, kept).sort();
    if (kept === 0) return { estimate, ciLow: null, ciHigh: null };
    return {
      estimate,
      ciLow: quantile(sorted, alpha / 2),
      ciHigh: quantile(sorted, 1 - alpha / 2),
    };
  };
  return {
    first: point.first.map((s, i) => interval(firsts[i], s)),
    total: point.total.map((t, i) => interval(totals[i], t)),
    variance: point.variance,
  };
}

function meanSquare(y: ArrayLike<number>, count: number): number {
  let s = 0;
  for (let j = 0; j < count; j++) s += y[j] * y[j];
  return s / count;
}
