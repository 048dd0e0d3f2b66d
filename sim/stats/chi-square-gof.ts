import { InputError, show } from "../errors.ts";
import { chiSquareSurvival } from "./chi-square.ts";
import { requireSample } from "./validate.ts";

const WHAT = "chi-square goodness of fit";

export type ChiSquareResult = { chi2: number; df: number; p: number; expected: number[] };

/**
 * Pearson's chi-square goodness of fit of observed counts to expected shares (normalised to sum
 * to 1, so weights such as [1, 1] also work): chi2, df = categories − 1, and the p-value.
 * Throws InputError for fewer than two categories, mismatched lengths, negative counts, a zero
 * total, or shares that are not positive.
 * @example chiSquareGoodnessOfFit({ observed: [50, 60], expectedShares: [0.5, 0.5] }).p // 0.3404
 */
export function chiSquareGoodnessOfFit(options: {
  observed: ArrayLike<number>;
  expectedShares: ArrayLike<number>;
}): ChiSquareResult {
  const { observed, expectedShares } = options;
  requireSample(WHAT, "observed", observed, 2);
  requireSample(WHAT, "expectedShares", expectedShares, 2);
  if (observed.length !== expectedShares.length) {
    throw new InputError(
      `${WHAT} requires as many expectedShares as observed counts, got ${expectedShares.length} and ${observed.length}`,
    );
  }
  let total = 0;
  let shareSum = 0;
  for (let i = 0; i < observed.length; i++) {
    if (observed[i] < 0)
      throw new InputError(`${WHAT} requires counts >= 0, got ${show(observed[i])} at [${i}]`);
    if (!(expectedShares[i] > 0)) {
      throw new InputError(`${WHAT} requires shares > 0, got ${show(expectedShares[i])} at [${i}]`);
    }
    total += observed[i];
    shareSum += expectedShares[i];
  }
  if (!(total > 0)) throw new InputError(`${WHAT} requires a total count > 0, got ${show(total)}`);
  let chi2 = 0;
  const expected: number[] = [];
  for (let i = 0; i < observed.length; i++) {
    const e = (total * expectedShares[i]) / shareSum;
    expected.push(e);
    chi2 += (observed[i] - e) ** 2 / e;
  }
  const df = observed.length - 1;
  return { chi2, df, p: chiSquareSurvival(chi2, df), expected };
}
