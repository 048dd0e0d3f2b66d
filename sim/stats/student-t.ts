import { InputError, show } from "../errors.ts";
import { betaTails } from "./incomplete-beta.ts";
import { logBeta } from "./log-gamma.ts";
import { normalQuantile } from "./normal-quantile.ts";

function requireDf(df: number): void {
  if (!(df > 0 && Number.isFinite(df))) {
    throw new InputError(`Student t distribution requires df > 0, got ${show(df)}`);
  }
}

/**
 * Both tails of Student's t with df degrees of freedom at t: lower = P(T ≤ t),
 * upper = P(T > t). The small tail is ½·I_x(df/2, ½) with x = df/(df + t²), so far-tail
 * p-values keep their relative accuracy: about 1e-14 up to df = 1e4, growing to 1e-10 at
 * df = 1e7 (where x rounds next to 1). Throws InputError unless df > 0 and t is a number.
 * @example studentTTails(2.0, 10).upper // 0.036694017385370196
 */
export function studentTTails(t: number, df: number): { lower: number; upper: number } {
  requireDf(df);
  if (Number.isNaN(t))
    throw new InputError("Student t distribution requires t to be a number, got NaN");
  const s = Math.abs(t) / Math.sqrt(df);
  if (s > 1e150) {
    const logS = Math.log(Math.abs(t)) - 0.5 * Math.log(df);
    // x = 1/(1 + s²) would underflow; there I_x(ν/2, ½) = x^(ν/2) / ((ν/2)·B(ν/2, ½)) to double precision.
    const small = 0.5 * Math.exp(-df * logS - Math.log(df / 2) - logBeta(df / 2, 0.5));
    return t > 0 ? { lower: 1 - small, upper: small } : { lower: small, upper: 1 - small };
  }
  let x: number;
  let y: number;
  if (s < 1) {
    x = 1 / (1 + s * s);
    y = (s * s) / (1 + s * s);
  } else {
    const u = 1 / s;
    x = (u * u) / (1 + u * u);
    y = 1 / (1 + u * u);
  }
  const both = betaTails(x, y, df / 2, 0.5);
  const small = 0.5 * both.lower;
  const big = 0.5 + 0.5 * both.upper;
  return t > 0 ? { lower: big, upper: small } : { lower: small, upper: big };
}

/**
 * P(T ≤ t) for Student's t with df degrees of freedom.
 * @example studentTCdf(-2.0, 10) // 0.036694017385370196
 */
export function studentTCdf(t: number, df: number): number {
  return studentTTails(t, df).lower;
}

/**
 * P(T > t) for Student's t with df degrees of freedom.
 * @example studentTSurvival(40, 5) // 9.2060e-8
 */
export function studentTSurvival(t: number, df: number): number {
  return studentTTails(t, df).upper;
}

/** The density of Student's t with df degrees of freedom. */
export function studentTDensity(t: number, df: number): number {
  requireDf(df);
  return Math.exp(
    -logBeta(df / 2, 0.5) - 0.5 * Math.log(df) - ((df + 1) / 2) * Math.log1p((t * t) / df),
  );
}

/**
 * The quantile of Student's t: the t with P(T ≤ t) = p, to about 1e-15 relative error.
 * Newton steps on the log of the tail, started from a Cornish–Fisher guess and kept inside a
 * bracket. Upper quantiles are exact by symmetry: the t with P(T > t) = q is −studentTQuantile(q).
 * Throws InputError unless 0 < p < 1 and df > 0.
 * @example studentTQuantile(0.975, 10) // 2.2281388519649385
 */
export function studentTQuantile(p: number, df: number): number {
  requireDf(df);
  if (!(p > 0 && p < 1)) {
    throw new InputError(`Student t quantile requires a probability in (0, 1), got ${show(p)}`);
  }
  if (p === 0.5) return 0;
  const t = upperQuantile(p < 0.5 ? p : 1 - p, df);
  return p < 0.5 ? -t : t;
}

// The t > 0 with P(T > t) = q, for 0 < q < ½.
function upperQuantile(q: number, df: number): number {
  let t = initialGuess(q, df);
  let lo = 0;
  let hi = t;
  while (studentTTails(hi, df).upper > q) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) {
      throw new InputError(
        `Student t quantile requires a result within double range, got p ${show(q)} at df ${show(df)}`,
      );
    }
  }
  for (let i = 0; i < 300; i++) {
    const s = studentTTails(t, df).upper;
    if (s === q) return t;
    if (s > q) lo = t;
    else hi = t;
    // Newton on ln S(t) − ln q, whose derivative is −f(t)/S(t).
    let next = t + ((Math.log(s) - Math.log(q)) * s) / studentTDensity(t, df);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - t) <= 2e-16 * next || hi - lo <= 2e-16 * hi) return next;
    t = next;
  }
  return t;
}

function initialGuess(q: number, df: number): number {
  if (df === 1) return 1 / Math.tan(Math.PI * q);
  if (df === 2) return (1 - 2 * q) / Math.sqrt(2 * q * (1 - q));
  const z = -normalQuantile(q);
  const z2 = z * z;
  // Cornish–Fisher expansion (Abramowitz & Stegun 26.7.5).
  const g1 = (z2 * z + z) / 4;
  const g2 = (5 * z2 * z2 * z + 16 * z2 * z + 3 * z) / 96;
  const g3 = (3 * z2 * z2 * z2 * z + 19 * z2 * z2 * z + 17 * z2 * z - 15 * z) / 384;
  const guess = z + g1 / df + g2 / (df * df) + g3 / (df * df * df);
  return guess > 0 && Number.isFinite(guess) ? guess : 1;
}
