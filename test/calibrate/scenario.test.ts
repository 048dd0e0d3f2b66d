import { describe, expect, it } from "vitest";
import {
  type BgnbdModel,
  fittedScenario,
  type GammaGammaModel,
} from "../../sim/calibrate/index.ts";
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
    expect(s.nameZh).toBe("拟合自 CDNOW_sample.txt");
    expect(s.descriptionZh).toContain("以周为单位拟合");
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

describe("fittedScenario at the limits of a fit", () => {
  const at = (bgnbd: BgnbdModel, gammaGamma: GammaGammaModel | null = null) => {
    const doc = fittedScenario({ ...base, unit: "week", bgnbd, gammaGamma });
    // Every one is a scenario the simulator takes.
    expect(() => normalizeScenario(doc, "fitted")).not.toThrow();
    return doc;
  };
  const rate = { m: 0.35, rho: 0.5 };

  it("has nobody leave as a = 1e-6, b = 1 at the NBD limit, and says so", () => {
    const doc = at({ ...rate, mu: 0, phi: 0 });
    expect(doc.purchase).toMatchObject({ r: 2, a: 1e-6, b: 1 });
    expect(doc.purchase.alpha).toBeCloseTo((2 / 0.35) * 7, 10);
    expect(doc.description).toContain("nobody leaves as a = 1e-6, b = 1");
  });

  it("gives the same drop-out to all as a + b = 1e6, a polarised one as a + b = 0.1", () => {
    const same = at({ ...rate, mu: 0.3, phi: 0 }).purchase;
    expect(same.a).toBeCloseTo(3e5, 6);
    expect(same.b).toBeCloseTo(7e5, 6);
    const polarised = at({ ...rate, mu: 0.3, phi: 1 }).purchase;
    expect(polarised.a).toBeCloseTo(0.03, 12);
    expect(polarised.b).toBeCloseTo(0.07, 12);
  });

  it("keeps the mean rate when every customer buys at the same rate (r, α → ∞)", () => {
    const { purchase } = at({ m: 0.35, rho: 0, mu: 0.3, phi: 0.2 });
    expect(purchase.r).toBeLessThanOrEqual(1e6);
    expect(purchase.alpha).toBeLessThanOrEqual(1e6);
    expect(purchase.r / purchase.alpha).toBeCloseTo(0.35 / 7, 12);
  });

  it("keeps the mean spend when every customer has the same (q, γ → ∞), within q ≤ 1e6, γ ≤ 1e9", () => {
    const doc = at({ ...rate, mu: 0.2, phi: 0.3 }, { p: 3, omega: 0, theta: 18 });
    expect(doc.spend?.q).toBe(1e6);
    expect(doc.spend?.p).toBe(3);
    const spend = doc.spend ?? { p: 0, q: 0, gamma: 0 };
    expect((spend.p * spend.gamma) / (spend.q - 1)).toBeCloseTo(54, 9);
  });

  it("leaves spend to the defaults, saying why, when its mean is beyond the simulator's range", () => {
    const doc = at({ ...rate, mu: 0.2, phi: 0.3 }, { p: 3, omega: 0.2, theta: 1e13 });
    expect(doc).not.toHaveProperty("spend");
    expect(doc.description).toMatch(
      /spend left to the defaults: a mean of 3\.750e\+13 per purchase is outside the simulator's range/,
    );
  });
});

describe("fittedScenario for a long log", () => {
  it("keeps the acquisition window within the simulator's ten years, and says so", () => {
    const doc = fittedScenario({ ...base, unit: "week", acquisitionWindowDays: 5000 });
    expect(doc.acquisition.windowDays).toBe(3650);
    expect(doc.description).toContain(
      "first purchases over 5000 days as an acquisition window of 3650",
    );
    expect(() => normalizeScenario(doc, "fitted")).not.toThrow();
  });
});
