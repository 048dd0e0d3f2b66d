import { gammaSign, lnGamma } from "./gamma-function.ts";

/**
 * The Gaussian hypergeometric function 2F1(a, b; c; z) for real z < 1 (and z = 1 when
 * c − a − b > 0), as BG/NBD's E[X(t)] needs it with z = t / (α + t).
 *
 * The power series converges for |z| < 1 but slowly near 1, where terms shrink like zⁿ. So, as
 * the notes on computing the model advise:
 * - z < 0: Pfaff's transformation, 2F1(a, b; c; z) = (1 − z)^(−a) 2F1(a, c − b; c; z / (z − 1)),
 *   puts the argument into (0, 1);
 * - z near 1: the connection formula (Abramowitz & Stegun 15.3.6) in 1 − z, unless c − a − b is
 *   (nearly) an integer, where that formula is singular and the direct series is summed instead.
 *
 * Throws RangeError for z > 1, for c a non-positive integer, or when the series would not converge.
 *
 * @example hyp2f1(1, 1, 2, 0.5) // −ln(0.5) / 0.5 = 1.386…
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
  if (z <= 0.75 || nearInteger) return series(a, b, c, z);
  // A&S 15.3.6: two series in 1 − z ≤ 0.25, weighted by gamma-function ratios.
  const w = 1 - z;
  const first = gammaRatio([c, s], [c - a, c - b]) * series(a, b, 1 - s, w);
  const second = w ** s * gammaRatio([c, -s], [a, b]) * series(c - a, c - b, 1 + s, w);
  return first + second;
}

const MAX_TERMS = 50_000_000;

/** The power series Σ (a)ₙ (b)ₙ / ((c)ₙ n!) zⁿ, summed until the terms stop mattering. */
function series(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  // Terms may grow before they shrink; only stop once past the hump (n beyond the parameters).
  const hump = Math.abs(a) + Math.abs(b) + Math.abs(c) + 2;
  for (let n = 0; n < MAX_TERMS; n++) {
    term *= (((a + n) * (b + n)) / ((c + n) * (n + 1))) * z;
    sum += term;
    if (term === 0 || (n > hump && Math.abs(term) <= 1e-17 * Math.abs(sum))) return sum;
  }
  throw new RangeError(`hyp2f1 series did not converge for a=${a}, b=${b}, c=${c}, z=${z}`);
}

/** Π Γ(top) / Π Γ(bottom), through logs; 0 when a bottom argument is a pole. */
function gammaRatio(top: number[], bottom: number[]): number {
  let log = 0;
  let sign = 1;
  for (const x of bottom) {
    if (x <= 0 && Number.isInteger(x)) return 0;
    log -= lnGamma(x);
    sign *= gammaSign(x);
  }
  for (const x of top) {
    log += lnGamma(x);
    sign *= gammaSign(x);
  }
  return sign * Math.exp(log);
}
