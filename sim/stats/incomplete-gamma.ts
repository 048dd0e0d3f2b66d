import { InputError, show } from "../errors.ts";
import { logGamma } from "./log-gamma.ts";

const TINY = 1e-300;
const EPSILON = 1e-16;
const MAX_TERMS = 100_000;

/**
 * Both regularized incomplete gamma functions: lower = P(a, x) = γ(a, x)/Γ(a) and
 * upper = Q(a, x) = 1 − P(a, x), each computed directly on the side where it is small
 * (series for x < a + 1, Lentz continued fraction otherwise), so both keep relative accuracy.
 * Throws InputError unless a > 0 and x ≥ 0.
 * @example gammaTails(1, 2).upper // Math.exp(-2)
 */
export function gammaTails(a: number, x: number): { lower: number; upper: number } {
  if (!(a > 0 && Number.isFinite(a))) {
    throw new InputError(`incomplete gamma requires a > 0, got ${show(a)}`);
  }
  if (!(x >= 0)) throw new InputError(`incomplete gamma requires x >= 0, got ${show(x)}`);
  if (x === 0) return { lower: 0, upper: 1 };
  if (x === Number.POSITIVE_INFINITY) return { lower: 1, upper: 0 };
  const logFront = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n <= MAX_TERMS; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPSILON) {
        const lower = sum * Math.exp(logFront);
        return { lower, upper: 1 - lower };
      }
    }
  } else {
    let b = x + 1 - a;
    let c = 1 / TINY;
    let d = 1 / b;
    let h = d;
    for (let i = 1; i <= MAX_TERMS; i++) {
      const an = -i * (i - a);
      b += 2;
      d = an * d + b;
      if (Math.abs(d) < TINY) d = TINY;
      c = b + an / c;
      if (Math.abs(c) < TINY) c = TINY;
      d = 1 / d;
      const delta = d * c;
      h *= delta;
      if (Math.abs(delta - 1) < EPSILON) {
        const upper = Math.exp(logFront) * h;
        return { lower: 1 - upper, upper };
      }
    }
  }
  throw new Error(`incomplete gamma did not converge for a = ${a}, x = ${x}`);
}

/**
 * The regularized upper incomplete gamma function Q(a, x) = Γ(a, x)/Γ(a).
 * @example regularizedGammaQ(2, 3) // 0.19914827347145578
 */
export function regularizedGammaQ(a: number, x: number): number {
  return gammaTails(a, x).upper;
}

/**
 * The regularized lower incomplete gamma function P(a, x) = γ(a, x)/Γ(a).
 * @example regularizedGammaP(2, 3) // 0.8008517265285442
 */
export function regularizedGammaP(a: number, x: number): number {
  return gammaTails(a, x).lower;
}
