import { InputError, show } from "../errors.ts";

export type FindRootOptions = {
  lower: number;
  upper: number;
  /** Stop when the bracket is this narrow; R's uniroot default is eps^¼ ≈ 1.22e-4. */
  tolerance?: number;
  maxIterations?: number;
  /** Widen the bracket as R's uniroot(extendInt = "upX") does, for an increasing function. */
  extendUp?: boolean;
};

const R_TOLERANCE = Number.EPSILON ** 0.25;

/**
 * A root of f in [lower, upper] by Brent's method, step for step as R's `uniroot` (the C routine
 * zeroin2), so that solving for a sample size reproduces R's answer — including where R's default
 * tolerance stops short of the exact root. Throws InputError when f(lower) and f(upper) have the
 * same sign (after widening, with extendUp) or f is not finite at the ends.
 * @example findRoot((x) => x * x - 2, { lower: 0, upper: 2, tolerance: 1e-12 }) // 1.41421356...
 */
export function findRoot(f: (x: number) => number, options: FindRootOptions): number {
  const tolerance = options.tolerance ?? R_TOLERANCE;
  const maxIterations = options.maxIterations ?? 1000;
  let lower = options.lower;
  let upper = options.upper;
  let fLower = f(lower);
  let fUpper = f(upper);
  if (options.extendUp) {
    // As R: step outwards by 1% of the end, doubling the step each time.
    let stepLow = 0.01 * Math.max(1e-4, Math.abs(lower));
    let stepUp = 0.01 * Math.max(1e-4, Math.abs(upper));
    let iterations = 0;
    while (fLower > 0 && ++iterations < maxIterations) {
      stepLow *= 2;
      lower -= stepLow;
      fLower = f(lower);
    }
    while (fUpper < 0 && ++iterations < maxIterations) {
      stepUp *= 2;
      upper += stepUp;
      fUpper = f(upper);
    }
  }
  if (!Number.isFinite(fLower) || !Number.isFinite(fUpper) || fLower * fUpper > 0) {
    throw new InputError(
      `root finding requires a sign change between ${show(lower)} and ${show(upper)}, got f = ${show(fLower)} and ${show(fUpper)}`,
    );
  }
  return zeroin(f, lower, upper, fLower, fUpper, tolerance, maxIterations);
}

function zeroin(
  f: (x: number) => number,
  ax: number,
  bx: number,
  faIn: number,
  fbIn: number,
  tol: number,
  maxIterations: number,
): number {
  let a = ax;
  let b = bx;
  let fa = faIn;
  let fb = fbIn;
  let c = a;
  let fc = fa;
  if (fa === 0) return a;
  if (fb === 0) return b;
  for (let left = maxIterations + 1; left > 0; left--) {
    const prevStep = b - a;
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tolAct = 2 * Number.EPSILON * Math.abs(b) + tol / 2;
    let newStep = (c - b) / 2;
    if (Math.abs(newStep) <= tolAct || fb === 0) return b;
    if (Math.abs(prevStep) >= tolAct && Math.abs(fa) > Math.abs(fb)) {
      // Interpolate: secant with two points, inverse quadratic with three.
      const cb = c - b;
      let p: number;
      let q: number;
      if (a === c) {
        const t1 = fb / fa;
        p = cb * t1;
        q = 1 - t1;
      } else {
        const qa = fa / fc;
        const t1 = fb / fc;
        const t2 = fb / fa;
        p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1));
        q = (qa - 1) * (t1 - 1) * (t2 - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (p < 0.75 * cb * q - Math.abs(tolAct * q) / 2 && p < Math.abs((prevStep * q) / 2)) {
        newStep = p / q;
      }
    }
    if (Math.abs(newStep) < tolAct) newStep = newStep > 0 ? tolAct : -tolAct;
    a = b;
    fa = fb;
    b += newStep;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  return b;
}
