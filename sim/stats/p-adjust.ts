import { InputError, show } from "../errors.ts";
import { requireSample } from "./validate.ts";

export type PAdjustMethod = "holm" | "BH" | "bonferroni";
const METHODS: readonly PAdjustMethod[] = ["holm", "BH", "bonferroni"];

/**
 * Adjusts p-values for multiple comparisons exactly as R's `p.adjust`: Bonferroni (n·p), Holm's
 * step-down (family-wise error) or Benjamini–Hochberg (false discovery rate), each capped at 1
 * and returned in the input order. Throws InputError for an empty list, p outside [0, 1], or an
 * unknown method.
 * @example pAdjust([0.01, 0.04, 0.03], { method: "holm" }) // [0.03, 0.06, 0.06]
 */
export function pAdjust(p: ArrayLike<number>, options: { method: PAdjustMethod }): number[] {
  const { method } = options;
  if (!METHODS.includes(method)) {
    throw new InputError(
      `invalid p-adjust method: ${show(method)}; use one of ${METHODS.join(", ")}`,
    );
  }
  requireSample("p-value adjustment", "p", p);
  const n = p.length;
  for (let i = 0; i < n; i++) {
    if (p[i] < 0 || p[i] > 1) {
      throw new InputError(`p-value adjustment requires p in [0, 1], got ${show(p[i])} at [${i}]`);
    }
  }
  const adjusted = new Array<number>(n);
  if (method === "bonferroni") {
    for (let i = 0; i < n; i++) adjusted[i] = Math.min(1, n * p[i]);
    return adjusted;
  }
  // Stable sort of indices: ascending p for Holm, descending for BH (ties keep input order).
  const order = Array.from({ length: n }, (_, i) => i);
  if (method === "holm") {
    order.sort((i, j) => p[i] - p[j]);
    let running = 0;
    for (let k = 0; k < n; k++) {
      running = Math.max(running, (n - k) * p[order[k]]);
      adjusted[order[k]] = Math.min(1, running);
    }
  } else {
    order.sort((i, j) => p[j] - p[i]);
    let running = Number.POSITIVE_INFINITY;
    for (let k = 0; k < n; k++) {
      running = Math.min(running, (n / (n - k)) * p[order[k]]);
      adjusted[order[k]] = Math.min(1, running);
    }
  }
  return adjusted;
}
