import { InputError, show } from "../errors.ts";
import { gammaTails } from "./incomplete-gamma.ts";
import { normalSurvival } from "./normal.ts";

/**
 * P(X > x) for X chi-square with df degrees of freedom: Q(df/2, x/2), with the exact forms
 * 2·P(Z > √x) for df = 1 and e^(−x/2) for df = 2, so far-tail p-values keep full accuracy.
 * Throws InputError unless df > 0 and x ≥ 0.
 * @example chiSquareSurvival(3.841458820694124, 1) // 0.05
 */
export function chiSquareSurvival(x: number, df: number): number {
  if (!(df > 0 && Number.isFinite(df))) {
    throw new InputError(`chi-square distribution requires df > 0, got ${show(df)}`);
  }
  if (!(x >= 0)) throw new InputError(`chi-square distribution requires x >= 0, got ${show(x)}`);
  if (df === 1) return Math.min(1, 2 * normalSurvival(Math.sqrt(x)));
  if (df === 2) return Math.exp(-x / 2);
  return gammaTails(df / 2, x / 2).upper;
}

/**
 * P(X ≤ x) for X chi-square with df degrees of freedom.
 * @example chiSquareCdf(5.991464547107979, 2) // 0.95
 */
export function chiSquareCdf(x: number, df: number): number {
  if (df === 2 && x >= 0) return -Math.expm1(-x / 2);
  if (df > 0 && x >= 0 && df !== 1) return gammaTails(df / 2, x / 2).lower;
  return 1 - chiSquareSurvival(x, df);
}
