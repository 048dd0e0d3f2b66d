import { sampleRatioMismatch } from "../stats/index.ts";

/** The sample-ratio-mismatch check of a report. */
export type SrmCheck = {
  /** Randomised members per arm, and how many the configured split expects. */
  counts: number[];
  expected: number[];
  chi2: number;
  p: number;
  /** p < 0.001: the assignment looks broken, do not trust the tests. */
  flagged: boolean;
};

/** Threshold of the SRM alarm: mismatches this unlikely mean the randomisation is broken. */
export const SRM_THRESHOLD = 0.001;

/**
 * Chi-square goodness of fit of the arms' member counts to the configured split (shares summing
 * to 1). One arm, or no members, leaves nothing to check: chi2 0, p 1, not flagged.
 */
export function srmCheck(counts: readonly number[], split: readonly number[]): SrmCheck {
  const total = counts.reduce((s, n) => s + n, 0);
  const expected = split.map((share) => share * total);
  if (counts.length < 2 || total === 0)
    return { counts: [...counts], expected, chi2: 0, p: 1, flagged: false };
  const r = sampleRatioMismatch(counts, split, { threshold: SRM_THRESHOLD });
  return { counts: [...counts], expected: r.expected, chi2: r.chi2, p: r.p, flagged: r.mismatch };
}
