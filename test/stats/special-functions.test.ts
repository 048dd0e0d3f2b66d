import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../sim/errors.ts";
import {
  betaTails,
  chiSquareSurvival,
  findRoot,
  logBeta,
  logGamma,
  noncentralTCdf,
  normalCdf,
  normalLogSurvival,
  normalQuantile,
  normalSurvival,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTQuantile,
  studentTSurvival,
  twoSidedNormalP,
} from "../../sim/stats/index.ts";
import {
  digamma,
  digammaDifferenceExcess,
  logGammaDifference,
  logGammaDifferenceExcess,
} from "../../sim/stats/log-gamma.ts";

// Reference values from mpmath at 40 digits (SciPy for the noncentral t and the t quantile).
function expectRelative(got: number, want: number, tolerance: number): void {
  expect(Number.isFinite(got)).toBe(true);
  expect(Math.abs(got - want)).toBeLessThanOrEqual(tolerance * Math.abs(want) + 1e-300);
}

describe("normal distribution", () => {
  it("agrees with high-precision survival values from the centre to the far tail", () => {
    const table = [
      [-3, 0.9986501019683699],
      [0.5, 0.3085375387259869],
      [1.96, 0.024997895148220435],
      [5, 2.866515718791939e-7],
      [8.5, 9.479534822203318e-18],
      [30, 4.906713927148187e-198],
      [37, 5.725571222524577e-300],
    ];
    for (const [z, want] of table) expectRelative(normalSurvival(z), want, 1e-14);
  });

  it("gives p ≈ 4.9e-198 one-sided and 9.8e-198 two-sided at z = 30", () => {
    expectRelative(normalSurvival(30), 4.906713927148187e-198, 1e-14);
    expectRelative(normalCdf(-30), 4.906713927148187e-198, 1e-14);
    expectRelative(twoSidedNormalP(-30), 9.813427854296374e-198, 1e-14);
  });

  it("keeps the log of the survival finite where the survival underflows", () => {
    expect(normalSurvival(40)).toBe(0);
    for (const [z, want] of [
      [10, -53.23128515051247],
      [40, -804.6084420137538],
      [100, -5005.524208694205],
    ]) {
      expectRelative(normalLogSurvival(z), want, 1e-14);
    }
  });

  it("inverts the distribution to 1e-15 from p = 1e-300 to 1 − 1e-6", () => {
    const table = [
      [1e-300, -37.0470962993612],
      [1e-20, -9.262340089798407],
      [1e-5, -4.264890793922825],
      [0.025, -1.9599639845400543],
      [0.3, -0.5244005127080408],
      [0.8, 0.8416212335729144],
      [0.975, 1.9599639845400538],
      [0.999999, 4.753424308817087],
    ];
    for (const [p, want] of table) expectRelative(normalQuantile(p), want, 1e-15);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it("rejects quantiles of 0, 1 and NaN", () => {
    for (const p of [0, 1, Number.NaN]) expect(() => normalQuantile(p)).toThrow(InputError);
    expect(() => normalQuantile(1)).toThrow(
      "normal quantile requires a probability in (0, 1), got 1",
    );
  });
});

describe("log-gamma and the incomplete functions", () => {
  it("computes ln Γ to an absolute 1e-14 over twelve orders of magnitude", () => {
    const table = [
      [1e-8, 18.42068073818021],
      [0.5, 0.5723649429247001],
      [1.5, -0.12078223763524522],
      [3.7, 1.428072326665388],
      [12.25, 18.115669505710894],
      [171.5, 709.1431630309282],
      [1e6, 12815504.569147611],
    ];
    for (const [x, want] of table)
      expect(Math.abs(logGamma(x) - want)).toBeLessThan(1e-14 * Math.max(1, Math.abs(want)));
    expect(logBeta(0.5, 0.5)).toBeCloseTo(Math.log(Math.PI), 14);
  });

  it("rejects ln Γ of zero or a negative number", () => {
    expect(() => logGamma(0)).toThrow("log-gamma requires x > 0, got 0");
    expect(() => logGamma(-1)).toThrow(InputError);
  });

  it("computes the regularized incomplete beta in both tails", () => {
    const table = [
      [0.2, 2, 3, 0.18080000000000002],
      [0.5, 50, 60, 0.8309072939016694],
      [0.001, 100, 0.5, 5.637639502935821e-302],
      [0.003, 0.5, 200, 0.7267388072563974],
      [0.97, 400, 3, 0.0004355433049123192],
    ];
    for (const [x, a, b, want] of table)
      expectRelative(regularizedIncompleteBeta(x, a, b), want, 1e-12);
    expectRelative(betaTails(0.003, 0.997, 0.5, 200).upper, 0.2732611927436026, 1e-12);
    expect(() => regularizedIncompleteBeta(1.5, 1, 1)).toThrow(
      "incomplete beta requires x in [0, 1], got 1.5",
    );
  });

  it("computes chi-square survival, including far tails", () => {
    const table = [
      [3.841458820694124, 1, 0.05000000000000006],
      [2.7191853283464003, 1, 0.09914860822035601],
      [8.19674695276455, 3, 0.04211581544534898],
      [400, 3, 2.2138865931011176e-86],
      [0.5, 7, 0.9994464813904249],
    ];
    for (const [x, df, want] of table) expectRelative(chiSquareSurvival(x, df), want, 1e-12);
    expect(chiSquareSurvival(1500, 10)).toBeLessThan(1e-300);
    expect(() => chiSquareSurvival(1, 0)).toThrow("chi-square distribution requires df > 0, got 0");
  });
});

describe("ln Γ differences and ψ at extreme arguments", () => {
  // 80-digit decimal references, made as test/calibrate/reference/README.md says.
  const reference = JSON.parse(
    readFileSync(new URL("../calibrate/reference/extreme-values.json", import.meta.url), "utf8"),
  );

  it("takes ln Γ(x + d) − ln Γ(x) without cancellation, to 1e-14, for x up to 1e300", () => {
    for (const [x, d, want] of reference.logGammaDifference as string[][]) {
      expectRelative(logGammaDifference(+x, +d), +want, 1e-14);
    }
    // Subtracting two ln Γ values of 3.4e16 leaves nothing of the answer: 17.269…
    expect(logGamma(1e15 + 0.5) - logGamma(1e15)).not.toBeCloseTo(17.2693881974553, 1);
    expectRelative(logGammaDifference(1e15, 0.5), 17.269388197455342, 1e-15);
  });

  it("keeps the excess ln Γ(x + d) − ln Γ(x) − d ln x to 1e-12 relative, however small it gets", () => {
    for (const [x, d, want] of reference.logGammaDifferenceExcess as string[][]) {
      // Below x = 10 the excess is ln Γ values that do not cancel: absolute 1e-14.
      const tolerance = +x >= 10 ? 1e-12 * Math.abs(+want) : 1e-14;
      expect(Math.abs(logGammaDifferenceExcess(+x, +d) - +want), `${x}, ${d}`).toBeLessThan(
        tolerance,
      );
    }
  });

  it("computes ψ to an absolute 1e-15 from 1e-6 to 1e10, its zero included", () => {
    for (const [x, want] of reference.digamma as string[][]) {
      expect(Math.abs(digamma(+x) - +want), x).toBeLessThan(1e-15 * Math.max(1, Math.abs(+want)));
    }
  });

  it("keeps ψ(x + d) − ψ(x) − d/x to 1e-12 relative as x grows to 1e12", () => {
    for (const [x, d, want] of reference.digammaDifferenceExcess as string[][]) {
      expectRelative(digammaDifferenceExcess(+x, +d), +want, +x >= 10 ? 1e-12 : 1e-13);
    }
  });

  it("rejects arguments outside x > 0, x + d > 0 with InputError", () => {
    expect(() => logGammaDifference(0, 1)).toThrow(
      "log-gamma difference requires x > 0 and x + d > 0, got x = 0, d = 1",
    );
    expect(() => logGammaDifferenceExcess(2, -3)).toThrow(InputError);
    expect(() => digamma(-1)).toThrow("digamma requires x > 0, got -1");
    expect(() => digammaDifferenceExcess(Number.NaN, 1)).toThrow(InputError);
  });
});

describe("Student t", () => {
  it("agrees with high-precision tail areas, including large df and far tails", () => {
    const table = [
      [2, 10, 0.03669401738537018],
      [-1.5, 3, 0.8847080673775884],
      [40, 5, 9.205981085886477e-8],
      [30, 1000, 7.687343722021741e-142],
      [6, 1e6, 9.869249061772174e-10],
      [200, 2, 1.2499531269530396e-5],
    ];
    for (const [t, df, want] of table) expectRelative(studentTSurvival(t, df), want, 1e-11);
    expect(studentTCdf(0, 7)).toBe(0.5);
  });

  it("keeps the tail beyond t = 1e150, where df/(df + t²) underflows", () => {
    expectRelative(studentTSurvival(1e200, 0.5), 3.207009754142229e-101, 1e-12);
    expect(studentTCdf(Number.NEGATIVE_INFINITY, 3)).toBe(0);
  });

  it("inverts the distribution to 1e-12 (1e-10 at a million degrees of freedom)", () => {
    const table = [
      [0.975, 10, 2.228138851986274],
      [0.995, 54.46, 2.66916280791882],
      [0.025, 1, -12.706204736174705],
      [0.9, 2, 1.8856180831641272],
      [1e-10, 3, -2225.769284683093],
    ];
    for (const [p, df, want] of table) expectRelative(studentTQuantile(p, df), want, 1e-12);
    expectRelative(studentTQuantile(0.999, 1e6), 3.09024045631652, 1e-10);
  });

  it("refuses a quantile beyond the range of doubles instead of returning a wrong number", () => {
    expect(() => studentTQuantile(1e-10, 0.01)).toThrow(
      "Student t quantile requires a result within double range",
    );
    expectRelative(studentTQuantile(1e-10, 0.5), -10284911563163540000, 1e-10);
  });

  it("rejects df <= 0", () => {
    expect(() => studentTCdf(1, 0)).toThrow("Student t distribution requires df > 0, got 0");
    expect(() => studentTQuantile(0.5, -2)).toThrow(InputError);
  });

  it("computes the noncentral t distribution as R's pt(t, df, ncp)", () => {
    const table = [
      [2, 20, 1, 0.8238732672910936],
      [2.8, 34, 4.7, 0.03455675145175583],
      [-1, 10, 2, 0.0018164334104297068],
      [1.96, 2000, 2.8, 0.20049852896454304],
      [5, 5, 3, 0.8297254143487997],
    ];
    for (const [t, df, ncp, want] of table)
      expect(Math.abs(noncentralTCdf(t, df, ncp) - want)).toBeLessThan(1e-12);
    expect(noncentralTCdf(1.5, 9, 0)).toBeCloseTo(studentTCdf(1.5, 9), 15);
  });
});

describe("findRoot", () => {
  it("finds a root to the requested tolerance", () => {
    expect(findRoot((x) => x * x - 2, { lower: 0, upper: 2, tolerance: 1e-13 })).toBeCloseTo(
      Math.SQRT2,
      12,
    );
  });

  it("rejects a bracket without a sign change", () => {
    expect(() => findRoot((x) => x * x + 1, { lower: 0, upper: 2 })).toThrow(
      /requires a sign change/,
    );
  });
});
