import { describe, expect, it } from "vitest";
import { kaplanMeier, logRankTest } from "../../sim/stats/index.ts";

describe("Kaplan-Meier", () => {
  const data = { time: [1, 2, 2, 3], event: [1, 1, 0, 1] };

  it("reports each distinct event time with survival, at risk and events", () => {
    const curve = kaplanMeier(data);
    expect(curve.time).toEqual([1, 2, 3]);
    expect(curve.atRisk).toEqual([4, 3, 1]);
    expect(curve.events).toEqual([1, 1, 1]);
    expect(curve.survival).toEqual([0.75, 0.5, 0]);
  });

  it("gives Greenwood standard errors and log-scale intervals capped at 1", () => {
    const curve = kaplanMeier(data);
    const z = 1.959963984540054;
    const g1 = 1 / (4 * 3);
    const g2 = g1 + 1 / (3 * 2);
    expect(curve.standardError[0]).toBeCloseTo(0.75 * Math.sqrt(g1), 14);
    expect(curve.ciLow[0]).toBeCloseTo(0.75 * Math.exp(-z * Math.sqrt(g1)), 14);
    expect(curve.ciLow[1]).toBeCloseTo(0.5 * Math.exp(-z * Math.sqrt(g2)), 14);
    expect(curve.ciHigh[0]).toBe(1);
    expect([curve.ciLow[2], curve.ciHigh[2]]).toEqual([0, 0]);
  });

  it("skips censored-only times and handles a curve with no events", () => {
    expect(kaplanMeier({ time: [5, 6], event: [0, 0] }).time).toEqual([]);
  });

  it("rejects unequal lengths, negative times and events other than 0/1", () => {
    expect(() => kaplanMeier({ time: [1, 2], event: [1] })).toThrow(
      "Kaplan-Meier requires time and event of equal length, got 2 and 1",
    );
    expect(() => kaplanMeier({ time: [-1], event: [1] })).toThrow(
      "Kaplan-Meier requires times >= 0, got -1 at [0]",
    );
    expect(() => kaplanMeier({ time: [1], event: [2] })).toThrow(
      "Kaplan-Meier requires events of 0 or 1, got 2 at [0]",
    );
    expect(() => kaplanMeier({ time: [], event: [] })).toThrow(
      "Kaplan-Meier requires at least 1 value in time, got 0",
    );
  });
});

describe("log-rank test", () => {
  it("compares observed and expected events with the hypergeometric variance", () => {
    const r = logRankTest({ time: [1, 2, 3, 4], event: [1, 1, 1, 1], group: [0, 0, 1, 1] });
    const expected1 = 0.5 + 2 / 3 + 1 + 1;
    const variance = 0.25 + 2 / 9;
    expect(r.chi2).toBeCloseTo((2 - expected1) ** 2 / variance, 13);
    expect(r.df).toBe(1);
    expect(r.observed).toEqual([2, 2]);
  });

  it("rejects a single group and groups other than 0/1", () => {
    expect(() => logRankTest({ time: [1, 2], event: [1, 1], group: [1, 1] })).toThrow(
      "log-rank test requires members in both groups, got only group 1",
    );
    expect(() => logRankTest({ time: [1, 2], event: [1, 1], group: [0, 2] })).toThrow(
      "log-rank test requires groups of 0 or 1, got 2 at [1]",
    );
  });

  it("refuses data with no event while both groups are at risk", () => {
    expect(() => logRankTest({ time: [1, 2], event: [0, 0], group: [0, 1] })).toThrow(
      "log-rank test requires events while both groups are at risk, got 0 events",
    );
  });
});
