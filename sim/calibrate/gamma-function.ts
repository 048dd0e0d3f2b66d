import { logBeta, logGamma } from "../stats/log-gamma.ts";

/**
 * ln |Γ(x)| on the whole real line: the statistics module's ln Γ for x ≥ 0.5, the reflection
 * formula below (2F1's transformations need Γ at negative arguments). Infinite at 0 and the
 * negative integers.
 *
 * @example lnGamma(5) // ln 24 = 3.178…
 */
export function lnGamma(x: number): number {
  // The optimiser may wander to overflowing parameters: a non-finite objective, not an error.
  if (!Number.isFinite(x)) return x === Number.POSITIVE_INFINITY ? x : Number.NaN;
  if (x < 0.5) {
    // Γ(x) Γ(1 − x) = π / sin(πx)
    const s = Math.sin(Math.PI * x);
    if (s === 0) return Number.POSITIVE_INFINITY;
    return Math.log(Math.PI / Math.abs(s)) - lnGamma(1 - x);
  }
  return logGamma(x);
}

/** The sign of Γ(x): +1 for x > 0, alternating between the negative integers. */
export function gammaSign(x: number): number {
  if (x > 0) return 1;
  return Math.floor(x) % 2 === 0 ? 1 : -1;
}

/** ln B(a, b) for a, b > 0 (non-finite arguments give NaN, as for lnGamma). */
export function lnBeta(a: number, b: number): number {
  return Number.isFinite(a) && Number.isFinite(b) ? logBeta(a, b) : Number.NaN;
}
