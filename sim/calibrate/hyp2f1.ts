import { logGammaDifference } from "../stats/log-gamma.ts";
import { gammaSign, lnGamma } from "./gamma-function.ts";

/**
 * The Gaussian hypergeometric function 2F1(a, b; c; z) for real z < 1 (and z = 1 when
 * c − a − b > 0), as BG/NBD's closed forms write their expectations.
 *
 * - z < 0: Pfaff's transformation, 2F1(a, b; c; z) = (1 − z)^(−a) 2F1(a, c − b; c; z / (z − 1)),
 *   puts the argument into (0, 1).
 * - The power series, stopped by a bound on everything after the last term (once every later term
 *   ratio is below some q < 1, the rest is at most term·q/(1 − q)), not by counting past the
 *   parameters: with b and c in the millions, as BG/NBD's b runs toward its NBD limit, the terms
 *   shrink from the start like (b/c)ⁿ zⁿ and a few dozen suffice.
 * - z near 1 with moderate parameters: the connection formula in 1 − z (Abramowitz & Stegun
 *   15.3.6), its gamma-function ratios taken as ln Γ differences; not where c − a − b is (nearly)
 *   an integer, where it is singular, nor where a series in it would climb for many terms.
 *
 * Throws RangeError for z > 1, for c a non-positive integer, and where the series would need more
 * than 50 million terms (z within about 1e-6 of 1 with large parameters).
 *
 * @example hyp2f1(1, 1, 2, 0.5) // −ln(0.5) / 0.5 = 1.386…
 * @example hyp2f1(3.93, 28603068.5, 34040353.7, 0.596) // 15.3385…
 */
export function hyp2f1(a: number, b: number, c: number, z: number): number {
  if (!(z <= 1)) throw new RangeError(`hyp2f1 requires z ≤ 1, got ${z}`);
  if (c <= 0 && Number.isInteger(c)) {
    throw new RangeError(`hyp2f1 requires c not a non-positive integer, got ${c}`);
  }
  if (z === 0 || a === 0 || b === 0) return 1;
  if (z < 0) return (1 - z) ** -a * hyp2f1(a, c - b, c, z / (z - 1));
  const s = c - a - b;
  if (z === 1) {
    if (s <= 0) throw new RangeError(`hyp2f1 at z = 1 requires c − a − b > 0, got ${s}`);
    return gammaRatio([c, s], [c - a, c - b]);
  }
  const nearInteger = Math.abs(s - Math.round(s)) < 1e-3;
  if (z > 0.75 && !nearInteger) {
    const w = 1 - z;
    // Both series in w climb while their term ratio exceeds 1; only use them when that is brief.
    if (hump(a, b, 1 - s, w) < 50 && hump(c - a, c - b, 1 + s, w) < 50) {
      const first = gammaRatio([c, s], [c - a, c - b]) * series(a, b, 1 - s, w);
      const second = w ** s * gammaRatio([c, -s], [a, b]) * series(c - a, c - b, 1 + s, w);
      return first + second;
    }
  }
  return series(a, b, c, z);
}

const MAX_TERMS = 50_000_000;
const EPSILON = 1e-17;

/**
 * The power series Σ (a)ₙ (b)ₙ / ((c)ₙ n!) zⁿ for 0 < z < 1. Past the last index where a factor
 * a + n, b + n or c + n is negative, (a+n)/(n+1) and (b+n)/(c+n) are monotone in n, so
 * q = z·max(1, (a+n)/(n+1))·max(1, (b+n)/(c+n)) bounds every later term ratio.
 */
function series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  const signsSettle = Math.max(0, -a, -b, -c) + 1;
  for (let n = 0; n < MAX_TERMS; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (term === 0) return sum;
    const next = n + 1;
    if (next < signsSettle) continue;
    const q = z * Math.max(1, (a + next) / (next + 1)) * Math.max(1, (b + next) / (c + next));
    if (q < 1 && (Math.abs(term) * q) / (1 - q) <= EPSILON * Math.abs(sum)) return sum;
  }
  throw new RangeError(
    `hyp2f1 series would need more than ${MAX_TERMS} terms for a=${a}, b=${b}, c=${c}, z=${z}`,
  );
}

/**
 * How many terms a series climbs before its term ratio (a+n)(b+n)z / ((c+n)(n+1)) stays below 1:
 * the larger root of (1 − z)n² + (c + 1 − z(a + b))n + c − z·ab, or 0 when there is none.
 */
function hump(a: number, b: number, c: number, z: number): number {
  const A = 1 - z;
  const B = c + 1 - z * (a + b);
  const C = c - z * a * b;
  const discriminant = B * B - 4 * A * C;
  if (!(discriminant > 0)) return 0;
  return Math.max(0, (-B + Math.sqrt(discriminant)) / (2 * A));
}

/**
 * Π Γ(top) / Π Γ(bottom), through logs; 0 when a bottom argument is a pole. Pairs of positive
 * arguments are taken as ln Γ differences, so large arguments do not cancel.
 */
function gammaRatio(top: number[], bottom: number[]): number {
  for (const x of bottom) if (x <= 0 && Number.isInteger(x)) return 0;
  let log = 0;
  let sign = 1;
  const ups = top.slice();
  const downs = bottom.slice();
  // Match each top argument with the nearest bottom argument, both positive.
  for (let i = 0; i < ups.length; i++) {
    let best = -1;
    for (let j = 0; j < downs.length; j++) {
      if (!(ups[i] > 0 && downs[j] > 0)) continue;
      if (best < 0 || Math.abs(ups[i] - downs[j]) < Math.abs(ups[i] - downs[best])) best = j;
    }
    if (best >= 0) {
      log += logGammaDifference(downs[best], ups[i] - downs[best]);
      ups.splice(i--, 1);
      downs.splice(best, 1);
    }
  }
  for (const x of downs) {
    log -= lnGamma(x);
    sign *= gammaSign(x);
  }
  for (const x of ups) {
    log += lnGamma(x);
    sign *= gammaSign(x);
  }
  return sign * Math.exp(log);
}
