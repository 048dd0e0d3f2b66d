import { normalSurvival } from "./normal.ts";
import { requireSample } from "./validate.ts";

const WHAT = "Mann-Whitney test";

export type MannWhitneyResult = {
  /** The U statistic of b: rank sum of b minus nb(nb + 1)/2. */
  u: number;
  /** Standardized max(U_a, U_b) with tie and continuity correction, signed by b's direction. */
  z: number;
  /** Two-sided p from the normal approximation. */
  p: number;
};

/**
 * Mann–Whitney U test of b against a: U of b, and the two-sided p-value from the normal
 * approximation with the tie correction and a continuity correction of ½ (as SciPy's
 * `mannwhitneyu(b, a, method="asymptotic")`). Throws InputError for an empty sample or
 * non-finite values.
 * @example mannWhitneyU({ a: [1, 2, 3], b: [4, 5, 6] }).u // 9
 */
export function mannWhitneyU(options: {
  a: ArrayLike<number>;
  b: ArrayLike<number>;
  /** Both samples are Float64Arrays already sorted ascending: skip the copies and sorts. */
  sorted?: boolean;
}): MannWhitneyResult {
  const { a, b, sorted = false } = options;
  requireSample(WHAT, "a", a);
  requireSample(WHAT, "b", b);
  const sa = sorted && a instanceof Float64Array ? a : Float64Array.from(a).sort();
  const sb = sorted && b instanceof Float64Array ? b : Float64Array.from(b).sort();
  const na = sa.length;
  const nb = sb.length;
  // Walk both sorted samples together; each run of equal values shares its average rank.
  let i = 0;
  let j = 0;
  let rank = 0;
  let rankSumB = 0;
  let tieTerm = 0;
  while (i < na || j < nb) {
    const v = j >= nb || (i < na && sa[i] <= sb[j]) ? sa[i] : sb[j];
    let countA = 0;
    let countB = 0;
    while (i < na && sa[i] === v) {
      i++;
      countA++;
    }
    while (j < nb && sb[j] === v) {
      j++;
      countB++;
    }
    const t = countA + countB;
    rankSumB += countB * (rank + (t + 1) / 2);
    rank += t;
    tieTerm += t * t * t - t;
  }
  const n = na + nb;
  const u = rankSumB - (nb * (nb + 1)) / 2;
  const mu = (na * nb) / 2;
  const sd = Math.sqrt(((na * nb) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  if (!(sd > 0)) return { u, z: 0, p: 1 };
  const z = (Math.max(u, na * nb - u) - mu - 0.5) / sd;
  return { u, z: u >= mu ? z : -z, p: Math.min(1, 2 * normalSurvival(z)) };
}
