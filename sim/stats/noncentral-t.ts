import { InputError, show } from "../errors.ts";
import { betaTails } from "./incomplete-beta.ts";
import { logGamma } from "./log-gamma.ts";
import { normalTails } from "./normal.ts";
import { studentTTails } from "./student-t.ts";

const SQRT_2_OVER_PI = 0.7978845608028654;
const LOG_SQRT_PI = 0.5723649429247001;

/**
 * P(T ≤ t) for the noncentral t distribution with df degrees of freedom and noncentrality ncp,
 * by Lenth's algorithm AS 243 (Applied Statistics 1989) with Guenther's twin series — the
 * algorithm of R's `pt(t, df, ncp)`, to about 1e-12 absolute error. For df > 4e5 or
 * |ncp| > 37.62 it uses the normal approximation of Abramowitz & Stegun 26.7.10, as R does.
 * Throws InputError unless df > 0 and t, ncp are finite.
 * @example noncentralTCdf(2, 20, 1) // 0.82387326729
 */
export function noncentralTCdf(t: number, df: number, ncp: number): number {
  if (!(df > 0 && Number.isFinite(df))) {
    throw new InputError(`noncentral t distribution requires df > 0, got ${show(df)}`);
  }
  if (!Number.isFinite(t) || !Number.isFinite(ncp)) {
    throw new InputError(
      `noncentral t distribution requires finite t and ncp, got t = ${show(t)}, ncp = ${show(ncp)}`,
    );
  }
  if (ncp === 0) return studentTTails(t, df).lower;
  const negative = t < 0;
  if (negative && ncp > 40) return 0;
  const tt = negative ? -t : t;
  const del = negative ? -ncp : ncp;

  if (df > 4e5 || del * del > 2 * Math.LN2 * 1021) {
    const s = 1 / (4 * df);
    const z = (tt * (1 - s) - del) / Math.sqrt(1 + tt * tt * 2 * s);
    const tails = normalTails(z);
    return negative ? tails.upper : tails.lower;
  }

  let tnc = 0;
  const x0 = t * t;
  if (x0 > 0) {
    const rxb0 = df / (x0 + df);
    const x = x0 / (x0 + df);
    const lambda = del * del;
    let p = 0.5 * Math.exp(-0.5 * lambda);
    if (p === 0) return 0;
    let q = SQRT_2_OVER_PI * p * del;
    let s = 0.5 - p;
    if (s < 1e-7) s = -0.5 * Math.expm1(-0.5 * lambda);
    let a = 0.5;
    const b = 0.5 * df;
    const rxb = rxb0 ** b;
    const albeta = LOG_SQRT_PI + logGamma(b) - logGamma(0.5 + b);
    let xodd = betaTails(x, rxb0, a, b).lower;
    let godd = 2 * rxb * Math.exp(a * Math.log(x) - albeta);
    const bx = b * x;
    let xeven = bx < Number.EPSILON ? bx : 1 - rxb;
    let geven = bx * rxb;
    tnc = p * xodd + q * xeven;
    for (let it = 1; it <= 1000; it++) {
      a += 1;
      xodd -= godd;
      xeven -= geven;
      godd *= (x * (a + b - 1)) / a;
      geven *= (x * (a + b - 0.5)) / (a + 0.5);
      p *= lambda / (2 * it);
      q *= lambda / (2 * it + 1);
      tnc += p * xodd + q * xeven;
      s -= p;
      if (s < -1e-10) break;
      if (s <= 0 && it > 1) break;
      const errorBound = 2 * s * (xodd - godd);
      if (Math.abs(errorBound) < 1e-12) break;
    }
  }
  tnc += normalTails(-del).lower;
  const lower = Math.min(tnc, 1);
  return negative ? Math.max(0, 1 - lower) : Math.max(0, lower);
}
