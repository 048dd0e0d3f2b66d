import { allocateBlock, type BlockOutcome, PER_MEMBER_KEYS, SUMMED_KEYS } from "./outcomes.ts";

/**
 * Joins block outcomes in block order: per-member arrays end to end, series and totals summed
 * block by block, so floating-point sums never depend on which worker finished first.
 */
export function mergeBlocks(
  blocks: readonly BlockOutcome[],
  arms: number,
  days: number,
  rules: number,
): BlockOutcome {
  const ordered = [...blocks].sort((x, y) => x.start - y.start);
  const count = ordered.reduce((n, b) => n + b.count, 0);
  const merged = allocateBlock(0, count, arms, days, rules);
  let offset = 0;
  for (const block of ordered) {
    for (const key of PER_MEMBER_KEYS)
      (merged[key] as Float64Array).set(block[key] as Float64Array, offset);
    for (const key of SUMMED_KEYS) {
      const target = merged[key];
      const source = block[key];
      for (let i = 0; i < source.length; i++) target[i] += source[i];
    }
    offset += block.count;
  }
  return merged;
}
