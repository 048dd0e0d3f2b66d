import { describe, expect, it } from "vitest";
import { InputError } from "../../sim/errors.ts";
import { type RandomSource, sampleGamma, seededRandom } from "../../sim/random.ts";
import { bootstrapMean, bootstrapMeanDifference, bootstrapMedian } from "../../sim/stats/index.ts";

// A heavy-tailed CLV-like sample: gamma with shape 0.5 (mean 50).
function clv(random: RandomSource, n: number): Float64Array {
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = sampleGamma(random, 0.5, 0.01);
  return values;
}

describe("bootstrap intervals", () => {
  const values = clv(seededRandom(3, "data"), 2000);

  it("gives the same interval for the same seed", () => {
    const a = bootstrapMean(values, { random: seededRandom(1, "bootstrap") });
    const b = bootstrapMean(values, { random: seededRandom(1, "bootstrap") });
    expect(a).toEqual(b);
    expect(a.resamples).toBe(1000);
  });

  it("brackets the sample mean with an interval near ±1.96 standard errors", () => {
    const r = bootstrapMean(values, { random: seededRandom(1, "bootstrap"), resamples: 2000 });
    let sum = 0;
    let squares = 0;
    for (const v of values) sum += v;
    const mean = sum / values.length;
    for (const v of values) squares += (v - mean) ** 2;
    const se = Math.sqrt(squares / (values.length - 1) / values.length);
    expect(r.estimate).toBeCloseTo(mean, 10);
    expect(r.ciLow).toBeLessThan(mean);
    expect(r.ciHigh).toBeGreaterThan(mean);
    expect((r.ciHigh - r.ciLow) / (2 * 1.96 * se)).toBeGreaterThan(0.85);
    expect((r.ciHigh - r.ciLow) / (2 * 1.96 * se)).toBeLessThan(1.15);
  });

  it("bootstraps the median of odd and even samples", () => {
    expect(
      bootstrapMedian([1, 2, 3, 4, 100], { random: seededRandom(2, "bootstrap") }).estimate,
    ).toBe(3);
    const even = bootstrapMedian([1, 2, 3, 4], { random: seededRandom(2, "bootstrap") });
    expect(even.estimate).toBe(2.5);
    expect(even.ciLow).toBeGreaterThanOrEqual(1);
    expect(even.ciHigh).toBeLessThanOrEqual(4);
    const r = bootstrapMedian(values, { random: seededRandom(2, "bootstrap") });
    expect(r.ciLow).toBeLessThanOrEqual(r.estimate);
    expect(r.ciHigh).toBeGreaterThanOrEqual(r.estimate);
  });

  it("bootstraps a difference in means that covers a known shift", () => {
    const shifted = values.map((v) => v + 10);
    const r = bootstrapMeanDifference(
      { a: values, b: shifted },
      { random: seededRandom(4, "bootstrap") },
    );
    expect(r.estimate).toBeCloseTo(10, 10);
    expect(r.ciLow).toBeLessThan(10);
    expect(r.ciHigh).toBeGreaterThan(10);
  });

  it("rejects empty samples, too few resamples and a missing random source", () => {
    const random = seededRandom(1, "bootstrap");
    expect(() => bootstrapMean([], { random })).toThrow(
      "bootstrap of the mean requires at least 1 value in values, got 0",
    );
    expect(() => bootstrapMean([1, 2], { random, resamples: 5 })).toThrow(
      "bootstrap of the mean requires resamples to be a whole number >= 10, got 5",
    );
    // @ts-expect-error: a caller without a random source
    expect(() => bootstrapMedian([1, 2], {})).toThrow(InputError);
  });
});
