import { type ChiSquareResult, chiSquareGoodnessOfFit } from "./chi-square-gof.ts";

/**
 * The sample-ratio-mismatch check: do the arms' member counts fit the intended allocation
 * shares? A chi-square goodness of fit whose `mismatch` flag is set when p < threshold
 * (default 0.001, the usual SRM alarm level: a real mismatch means the assignment is broken and
 * the experiment's results should not be trusted). Throws as chiSquareGoodnessOfFit does.
 * @example sampleRatioMismatch([5000, 5400], [0.5, 0.5]).mismatch // true (p = 8.8e-5)
 */
export function sampleRatioMismatch(
  counts: ArrayLike<number>,
  shares: ArrayLike<number>,
  options: { threshold?: number } = {},
): ChiSquareResult & { mismatch: boolean; threshold: number } {
  const threshold = options.threshold ?? 0.001;
  const result = chiSquareGoodnessOfFit({ observed: counts, expectedShares: shares });
  return { ...result, mismatch: result.p < threshold, threshold };
}
