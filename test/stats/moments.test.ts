import { describe, expect, it } from "vitest";
import { twoPassMoments } from "../../sim/stats/moments.ts";

describe("twoPassMoments", () => {
  it("gives the sum, mean and centred sum of squares of a sample", () => {
    const m = twoPassMoments([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(m).toEqual({ n: 8, sum: 40, mean: 5, centredSquares: 32 });
  });

  it("keeps the variance of values far from zero, where one pass loses it", () => {
    const values = [1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16];
    const m = twoPassMoments(values);
    expect(m.mean).toBe(1e9 + 10);
    expect(m.centredSquares / (m.n - 1)).toBe(30);
    // The textbook one-pass formula, E[x²] − E[x]², is off by far more than that in doubles.
    const onePass =
      (values.reduce((s, v) => s + v * v, 0) - values.reduce((s, v) => s + v, 0) ** 2 / 4) / 3;
    expect(Math.abs(onePass - 30)).toBeGreaterThan(1);
  });

  it("gives zeros for an empty sample", () => {
    expect(twoPassMoments([])).toEqual({ n: 0, sum: 0, mean: 0, centredSquares: 0 });
  });
});
