import type { AdjustMethod } from "../sim/experiment/ab-tests.ts";
import { fmt, pct, pValue, signed as signedValue } from "../sim/report/format.ts";

export { pValue };

/*
 * Cell text of the A/B panel. Missing or non-finite values read "—", never NaN or undefined.
 * Differences and p-values are formatted as in the CLI (sim/report/format.ts); the panel adds ¥
 * to means because its columns carry no unit.
 */

export type MetricKind = "proportion" | "mean";

/** The significance levels and adjustments the panel offers. */
export const ALPHAS: readonly number[] = [0.01, 0.05, 0.1];

export const ADJUST_LABELS: Record<AdjustMethod, string> = {
  holm: "Holm",
  BH: "Benjamini–Hochberg",
  bonferroni: "Bonferroni",
  none: "none (raw p)",
};

/** What the adjustment of `tests` p-values does, as a sentence for a caption. */
export function adjustSentence(adjust: AdjustMethod, tests: number): string {
  switch (adjust) {
    case "holm":
      return `p is adjusted across all ${tests} tests by Holm's step-down method, so the chance of any false ✓ in the table stays ≤ α.`;
    case "BH":
      return `p is adjusted across all ${tests} tests by Benjamini–Hochberg, so the expected share of false ✓ among the ✓ stays ≤ α.`;
    case "bonferroni":
      return `p is adjusted across all ${tests} tests by Bonferroni (p × ${tests}, at most 1), so the chance of any false ✓ stays ≤ α.`;
    default:
      return `p is not adjusted: each of the ${tests} tests is read on its own, so false ✓ add up across the table.`;
  }
}

const finite = (v: number | null | undefined): v is number =>
  v !== null && v !== undefined && Number.isFinite(v);

/** An arm's value: a share as a percentage, a mean in ¥. */
export function armValue(value: number | null | undefined, kind: MetricKind): string {
  if (!finite(value)) return "—";
  return kind === "proportion" ? pct(value) : `¥${fmt(value, 2)}`;
}

/** A difference with its sign: percentage points for shares, ¥ for means. */
export function signed(value: number | null | undefined, kind: MetricKind): string {
  return signedValue(value, kind, "¥");
}

/** An interval of differences, or "—" when it could not be estimated. */
export function interval(
  low: number | null | undefined,
  high: number | null | undefined,
  kind: MetricKind,
): string {
  if (!finite(low) || !finite(high)) return "—";
  return `[${signed(low, kind)}, ${signed(high, kind)}]`;
}

/** A relative lift (treatment / control − 1) as a signed percentage. */
export function lift(value: number | null | undefined): string {
  if (!finite(value)) return "—";
  const sign = value > 0 ? "+" : value < 0 ? "−" : "";
  return `${sign}${fmt(Math.abs(value) * 100, 1)} %`;
}

/** "95 %" for α = 0.05: the confidence of the intervals. */
export function confidence(alpha: number): string {
  return `${Number(((1 - alpha) * 100).toFixed(1))} %`;
}
