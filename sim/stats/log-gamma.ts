import { InputError, show } from "../errors.ts";

// Stirling's series ln Γ(x) ≈ (x − ½)ln x − x + ½ln 2π + Σ B₂ₖ / (2k(2k−1)x^(2k−1)); for x ≥ 10
// the first eight terms leave an error below 2e-18, and smaller x are shifted up by recurrence.
const STIRLING = [
  1 / 12,
  -1 / 360,
  1 / 1260,
  -1 / 1680,
  1 / 1188,
  -691 / 360360,
  1 / 156,
  -3617 / 122400,
];
const HALF_LOG_2PI = 0.9189385332046728;

/**
 * ln Γ(x) for x > 0, with an absolute error of a few 1e-15 (relative error is larger only near
 * the zeros at x = 1 and x = 2). Throws InputError unless x is a positive finite number.
 * @example logGamma(0.5) // 0.5723649429247001 (= ln √π)
 */
export function logGamma(x: number): number {
  if (!(x > 0 && Number.isFinite(x))) {
    throw new InputError(`log-gamma requires x > 0, got ${show(x)}`);
  }
  let shift = 0;
  let z = x;
  if (z < 10) {
    let product = 1;
    while (z < 10) {
      product *= z;
      z += 1;
    }
    shift = Math.log(product);
  }
  return (z - 0.5) * Math.log(z) - z + HALF_LOG_2PI + stirlingTail(z) - shift;
}

/** The series part of Stirling's formula, for z ≥ 10. */
function stirlingTail(z: number): number {
  const inv = 1 / z;
  const inv2 = inv * inv;
  let series = 0;
  for (let k = STIRLING.length - 1; k >= 0; k--) series = series * inv2 + STIRLING[k];
  return series * inv;
}

/**
 * ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b) for a, b > 0. When one argument is large the
 * difference ln Γ(big) − ln Γ(big + small) is taken inside Stirling's formula, so nothing of
 * size ln Γ(big) cancels (this keeps Student t tails accurate at large degrees of freedom).
 * @example logBeta(0.5, 0.5) // 1.1447298858494002 (= ln π)
 */
export function logBeta(a: number, b: number): number {
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  if (!(small > 0) || !Number.isFinite(big)) {
    throw new InputError(`log-beta requires a > 0 and b > 0, got a = ${show(a)}, b = ${show(b)}`);
  }
  if (big < 10) return logGamma(a) + logGamma(b) - logGamma(a + b);
  const sum = big + small;
  const difference =
    -(big - 0.5) * Math.log1p(small / big) -
    small * Math.log(sum) +
    small +
    stirlingTail(big) -
    stirlingTail(sum);
  return logGamma(small) + difference;
}

/**
 * ln Γ(x + d) − ln Γ(x) for x > 0 and x + d > 0, without subtracting two large ln Γ values: for
 * x ≥ 10 and x + d ≥ 10 it is d·ln x plus `logGammaDifferenceExcess`, which is computed from
 * Stirling's series in one piece. ln Γ(1e15 + 0.5) − ln Γ(1e15) comes out to full precision,
 * where the two ln Γ values (3.4e16 each) would leave nothing of it.
 * Throws InputError unless x > 0, x + d > 0 and both are finite.
 *
 * @example logGammaDifference(1e15, 0.5) // 17.26938819745534 (= 0.5 ln 1e15, to 1e-17)
 */
export function logGammaDifference(x: number, d: number): number {
  checkDifference("log-gamma difference", x, d);
  if (d === 0) return 0;
  if (x >= 10 && x + d >= 10) return d * Math.log(x) + excess(x, d);
  return logGamma(x + d) - logGamma(x);
}

/**
 * ln Γ(x + d) − ln Γ(x) − d·ln x for x > 0 and x + d > 0: the part of the log-gamma difference
 * that vanishes as x → ∞ (like d(d − 1)/(2x)), accurate in absolute terms however large x is.
 * Likelihoods whose parameter runs to infinity (Gamma-Gamma's q, BG/NBD's r) stay finite and
 * smooth through it. Throws InputError as `logGammaDifference`.
 *
 * @example logGammaDifferenceExcess(1e12, 3) // 3e-12 (= d(d − 1)/(2x) to first order)
 */
export function logGammaDifferenceExcess(x: number, d: number): number {
  checkDifference("log-gamma difference", x, d);
  if (d === 0) return 0;
  if (x >= 10 && x + d >= 10) return excess(x, d);
  return logGamma(x + d) - logGamma(x) - d * Math.log(x);
}

// (x + d − ½) ln(1 + d/x) − d + tail(x + d) − tail(x), the first two terms as a series in d/x
// when it is small, since they cancel to O(d²/x).
function excess(x: number, d: number): number {
  const u = d / x;
  let main: number;
  if (Math.abs(u) < 0.1) {
    // (1 + u) ln(1 + u) − u = Σ_{k≥2} (−u)^k / (k (k − 1))
    let sum = 0;
    let power = -u;
    for (let k = 2; k < 40; k++) {
      power *= -u;
      const term = power / (k * (k - 1));
      sum += term;
      if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
    }
    main = x * sum - 0.5 * Math.log1p(u);
  } else {
    main = (x + d - 0.5) * Math.log1p(u) - d;
  }
  return main + stirlingTailDifference(x, u);
}

/**
 * stirlingTail(x(1 + u)) − stirlingTail(x), term by term as x^(1−2k) expm1((1 − 2k) ln(1 + u)), so
 * that a small u leaves no cancellation between two nearly equal tails.
 */
function stirlingTailDifference(x: number, u: number): number {
  const inv = 1 / x;
  const inv2 = inv * inv;
  const lnRatio = Math.log1p(u);
  let power = inv;
  let sum = 0;
  for (let k = 0; k < STIRLING.length; k++) {
    sum += STIRLING[k] * power * Math.expm1(-(2 * k + 1) * lnRatio);
    power *= inv2;
  }
  return sum;
}

function checkDifference(what: string, x: number, d: number): void {
  if (!(x > 0 && Number.isFinite(x) && x + d > 0 && Number.isFinite(d))) {
    throw new InputError(
      `${what} requires x > 0 and x + d > 0, got x = ${show(x)}, d = ${show(d)}`,
    );
  }
}

// ψ(x) ≈ ln x − 1/(2x) − Σ B₂ₖ / (2k x^(2k)) for x ≥ 10, error below 1e-17 after these terms.
const DIGAMMA = [1 / 12, -1 / 120, 1 / 252, -1 / 240, 1 / 132, -691 / 32760, 1 / 12];

/**
 * The digamma function ψ(x) = d ln Γ(x) / dx for x > 0, to an absolute error of a few 1e-16
 * (relative error is larger only near its zero at x = 1.4616…). Throws InputError unless x is a
 * positive finite number.
 *
 * @example digamma(1) // −0.5772156649015329 (= −γ, Euler's constant)
 */
export function digamma(x: number): number {
  if (!(x > 0 && Number.isFinite(x))) {
    throw new InputError(`digamma requires x > 0, got ${show(x)}`);
  }
  let shift = 0;
  let z = x;
  while (z < 10) {
    shift += 1 / z;
    z += 1;
  }
  return Math.log(z) - 0.5 / z - digammaTail(z) - shift;
}

/** Σ B₂ₖ / (2k z^(2k)) for z ≥ 10. */
function digammaTail(z: number): number {
  const inv2 = 1 / (z * z);
  let series = 0;
  for (let k = DIGAMMA.length - 1; k >= 0; k--) series = series * inv2 + DIGAMMA[k];
  return series * inv2;
}

/**
 * ψ(x + d) − ψ(x) − d/x for x > 0 and x + d > 0: the digamma difference less its leading term,
 * accurate in absolute terms as x → ∞ (where it behaves like −d(d − 1)/(2x²)); the derivative
 * of `logGammaDifferenceExcess` in x. Throws InputError as `logGammaDifference`.
 *
 * @example digammaDifferenceExcess(1e8, 2) // −1e-16 (= −d(d − 1)/(2x²) to first order)
 */
export function digammaDifferenceExcess(x: number, d: number): number {
  checkDifference("digamma difference", x, d);
  if (d === 0) return 0;
  if (x < 10 || x + d < 10) return digamma(x + d) - digamma(x) - d / x;
  const u = d / x;
  // ln(1 + u) − u, as a series when u is small.
  let logPart: number;
  if (Math.abs(u) < 0.1) {
    logPart = 0;
    let power = -u;
    for (let k = 2; k < 40; k++) {
      power *= -u;
      const term = -power / k;
      logPart += term;
      if (Math.abs(term) <= 1e-17 * Math.abs(logPart)) break;
    }
  } else {
    logPart = Math.log1p(u) - u;
  }
  // −1/(2(x+d)) + 1/(2x) = d / (2x(x+d)); the Bernoulli tail difference term by term, each
  // (x+d)^(−2k) − x^(−2k) = x^(−2k) expm1(−2k ln(1 + u)).
  let tail = 0;
  const inv2 = 1 / (x * x);
  let power = 1;
  const lnRatio = Math.log1p(u);
  for (let k = 0; k < DIGAMMA.length; k++) {
    power *= inv2;
    tail += DIGAMMA[k] * power * Math.expm1(-2 * (k + 1) * lnRatio);
  }
  return logPart + d / (2 * x * (x + d)) - tail;
}
