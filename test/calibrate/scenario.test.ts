import { describe, expect, it } from "vitest";
import { fittedScenario } from "../../sim/calibrate/index.ts";
import { normalizeScenario } from "../../sim/scenario/normalize.ts";

const bgnbd = { r: 0.2425945, alpha: 4.4136019, a: 0.7929199, b: 2.4258881 };
const gammaGamma = { p: 6.2496, q: 3.7442, gamma: 15.4435 };
const base = {
  transactions: "data/cdnow/CDNOW_sample.txt",
  calibrationEnd: "1997-09-30",
  acquisitionWindowDays: 84,
  bgnbd,
  gammaGamma,
};

describe("fittedScenario", () => {
  it("converts a weekly fit to daily rates: α per day = α per week × 7, r, a, b unchanged", () => {
    const s = fittedScenario({ ...base, unit: "week" });
    expect(s.purchase).toEqual({ r: bgnbd.r, alpha: bgnbd.alpha * 7, a: bgnbd.a, b: bgnbd.b });
    expect(s.spend).toEqual(gammaGamma);
    expect(s.acquisition).toEqual({ windowDays: 84, purchaseAtJoin: true });
    expect(s.disengage).toEqual({ nonBuyerDailyHazard: 0 });
    expect(s.source).toEqual({
      transactions: "data/cdnow/CDNOW_sample.txt",
      calibrationEnd: "1997-09-30",
      unit: "week",
    });
    expect(s.id).toBe("fitted-cdnow-sample");
    expect(s.name).toBe("Fitted to CDNOW_sample.txt");
  });

  it("keeps α as it is for a daily fit", () => {
    expect(fittedScenario({ ...base, unit: "day" }).purchase.alpha).toBe(bgnbd.alpha);
  });

  it("leaves spend out without a Gamma-Gamma fit, or when q ≤ 1 (no finite mean spend)", () => {
    expect(fittedScenario({ ...base, unit: "week", gammaGamma: null })).not.toHaveProperty("spend");
    const heavy = fittedScenario({ ...base, unit: "week", gammaGamma: { ...gammaGamma, q: 0.9 } });
    expect(heavy).not.toHaveProperty("spend");
  });

  it("is a scenario the simulator's validator accepts, the rest from its defaults", () => {
    const s = normalizeScenario(fittedScenario({ ...base, unit: "week" }), "fitted scenario");
    expect(s.purchase.alpha).toBeCloseTo(30.8952133, 6);
    expect(s.acquisition.windowDays).toBe(84);
  });
});
