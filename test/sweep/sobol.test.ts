import { describe, expect, it } from "vitest";
import { seededRandom } from "../../sim/random.ts";
import { saltelliSample, sobolIndices } from "../../sim/sweep/index.ts";

// Ishigami & Homma (1990), a = 7, b = 0.1, x uniform on [−π, π]³; closed-form indices (Saltelli
// et al. 2008, Global Sensitivity Analysis: The Primer, §4.6). x3 acts only with x1: S3 = 0.
const a = 7;
const b = 0.1;
const ishigami = (x: number[]) =>
  Math.sin(x[0]) + a * Math.sin(x[1]) ** 2 + b * x[2] ** 4 * Math.sin(x[0]);
const variance = a ** 2 / 8 + (b * Math.PI ** 4) / 5 + (b ** 2 * Math.PI ** 8) / 18 + 0.5;
const v1 = 0.5 * (1 + (b * Math.PI ** 4) / 5) ** 2;
const v2 = a ** 2 / 8;
const v13 = (b ** 2 * Math.PI ** 8 * 8) / 225;
const FIRST = [v1 / variance, v2 / variance, 0];
const TOTAL = [(v1 + v13) / variance, v2 / variance, v13 / variance];

describe("Sobol indices by the Saltelli scheme", () => {
  it("recovers the Ishigami function's first-order and total indices within 0.03, intervals covering them", () => {
    expect(FIRST[0]).toBeCloseTo(0.3139, 3);
    expect(TOTAL[2]).toBeCloseTo(0.2437, 3);
    const n = 16384;
    const rows = saltelliSample(n, 3, seededRandom(5, "ishigami"));
    expect(rows).toHaveLength(n * 5);
    const y = rows.map((u) => ishigami(u.map((v) => -Math.PI + 2 * Math.PI * v)));
    const result = sobolIndices(y, n, 3, { random: seededRandom(5, "bootstrap"), resamples: 400 });
    result.first.forEach((s, i) => {
      expect(Math.abs(s.estimate! - FIRST[i])).toBeLessThan(0.03);
      expect(s.ciLow!).toBeLessThan(FIRST[i]);
      expect(s.ciHigh!).toBeGreaterThan(FIRST[i]);
      expect(s.ciHigh! - s.ciLow!).toBeLessThan(0.1);
    });
    result.total.forEach((s, i) => {
      expect(Math.abs(s.estimate! - TOTAL[i])).toBeLessThan(0.03);
      expect(s.ciLow!).toBeLessThan(TOTAL[i]);
      expect(s.ciHigh!).toBeGreaterThan(TOTAL[i]);
    });
  });

  it("builds A, B and A_B^i as the scheme says", () => {
    const n = 4;
    const rows = saltelliSample(n, 2, seededRandom(1, "layout"));
    const [A, B] = [rows.slice(0, n), rows.slice(n, 2 * n)];
    for (let i = 0; i < 2; i++) {
      const AB = rows.slice((2 + i) * n, (3 + i) * n);
      AB.forEach((row, j) => {
        expect(row[i]).toBe(B[j][i]);
        expect(row[1 - i]).toBe(A[j][1 - i]);
      });
    }
  });

  it("gives no index (null) for an output that does not vary", () => {
    const result = sobolIndices(new Array(3 * 10).fill(2), 10, 1, { random: seededRandom(1) });
    expect(result.first[0].estimate).toBeNull();
    expect(result.total[0].estimate).toBeNull();
  });
});
