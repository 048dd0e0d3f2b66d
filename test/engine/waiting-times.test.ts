import { describe, expect, it } from "vitest";
import recorded from "./fixtures/day-by-day-moments.json" with { type: "json" };
import { MOMENT_KEYS, memberMoments, zOfDifference } from "./member-moments.ts";
import { MOMENT_CASES, RECORDED } from "./moment-cases.ts";

// The engine draws purchases as waiting times (one exponential per purchase) and skips the days
// on which nothing can change. The fixture holds the same figures from the engine before that,
// which drew one uniform per member-day (commit b97d924): the two must simulate the same model,
// so every mean agrees within sampling error. 12 figures × 12 cases: |z| > 4.5 has a chance of
// about 1e-3 in all if the engines agree; a biased purchase process moves several by far more.
const Z_LIMIT = 4.5;

describe("waiting-time purchases simulate the model of the day-by-day engine", () => {
  for (const c of MOMENT_CASES) {
    it(c.name, () => {
      const now = memberMoments({ ...c.run(), members: 100_000, seed: RECORDED.seed + 1 });
      const before = (recorded as Record<string, typeof now>)[c.name];
      const off = MOMENT_KEYS.map((k) => ({ k, z: zOfDifference(now[k], before[k]) })).filter(
        ({ z }) => !(Math.abs(z) <= Z_LIMIT),
      );
      expect(off).toEqual([]);
      // And the run is not degenerate: members buy.
      expect(now.purchases.mean).toBeGreaterThan(0.1);
    });
  }
});
