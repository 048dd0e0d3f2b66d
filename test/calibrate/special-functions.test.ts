import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type BgnbdModel,
  type BgnbdParams,
  bgnbdConditionalExpected,
  bgnbdCustomerLogLikelihood,
  bgnbdExpectedBySum,
  bgnbdExpectedTransactions,
  bgnbdModelConditional,
  bgnbdModelExpected,
  bgnbdModelLogLikelihood,
  bgnbdModelPAlive,
  bgnbdModelProbability,
  bgnbdPAlive,
  gammaGammaCustomerLogLikelihood,
  gammaGammaModelLogLikelihood,
  hyp2f1,
} from "../../sim/calibrate/index.ts";

// Values from 80-digit decimal arithmetic (test/calibrate/reference/README.md).
const reference = JSON.parse(
  readFileSync(new URL("./reference/extreme-values.json", import.meta.url), "utf8"),
);
const relative = (got: number, want: number, tolerance: number, what = "") => {
  expect(Number.isFinite(got), `${what} finite`).toBe(true);
  expect(Math.abs(got - want), `${what}: got ${got}, want ${want}`).toBeLessThanOrEqual(
    tolerance * Math.abs(want),
  );
};
const numbers = (o: Record<string, string>) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Number(v)]));

describe("hyp2f1 where b and c are in the millions", () => {
  for (const [a, b, c, z, want] of reference.hyp2f1 as string[][]) {
    it(`agrees with 80-digit arithmetic at (${a}, ${b}; ${c}; ${z}) to 1e-13`, () => {
      relative(hyp2f1(+a, +b, +c, +z), +want, 1e-13);
    });
  }

  it("evaluates issue 9's failing case, 2F1(3.93, 28603068.5; 34040353.7; 0.596), in a few dozen terms", () => {
    const started = performance.now();
    relative(hyp2f1(3.93, 28603068.5, 34040353.7, 0.596), 15.338500869594059, 1e-13);
    // Not a speed test: the old stopping rule needed more terms than b before it could stop.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it("stops with a RangeError, not a hang, where its series would need more than 50 million terms", () => {
    expect(() => hyp2f1(0.5, 1e9, 1e9 + 0.5, 1 - 1e-9)).toThrow(
      /hyp2f1 series would need more than 50000000 terms/,
    );
  }, 60_000);
});

describe("BG/NBD closed forms at extreme parameters", () => {
  for (const c of reference.bgnbd) {
    const params = numbers(c.params) as BgnbdParams;
    const t = Number(c.t);
    it(`agree with 80-digit arithmetic at ${JSON.stringify(c.params)}: E[X(${c.t})], and per customer ln L, P(alive), E[Y(${c.t})]`, () => {
      relative(bgnbdExpectedTransactions(params, t), Number(c.expected), 1e-12, "E[X(t)]");
      for (const record of c.customers) {
        const customer = { x: record.x, tx: Number(record.tx), T: Number(record.T) };
        const who = `x = ${record.x}`;
        relative(bgnbdCustomerLogLikelihood(params, customer), +record.logLik, 1e-12, who);
        relative(bgnbdPAlive(params, customer), +record.pAlive, 1e-12, who);
        relative(
          bgnbdConditionalExpected(params, customer, t),
          +record.conditional,
          1e-12,
          `${who} E[Y]`,
        );
      }
    });
  }
});

describe("Gamma-Gamma log-likelihood with q = 1e12 or p = 1e7", () => {
  for (const c of reference.gammaGamma) {
    it(`agrees with 80-digit arithmetic at ${JSON.stringify(c.params)}`, () => {
      const params = numbers(c.params) as { p: number; q: number; gamma: number };
      for (const record of c.customers) {
        const customer = { x: record.x, zbar: Number(record.zbar) };
        relative(gammaGammaCustomerLogLikelihood(params, customer), +record.logLik, 1e-12);
      }
    });
  }

  it("reaches the Gamma(px, x/θ) density of the mean at ω = 0 and runs into it continuously", () => {
    const customer = { x: 3, zbar: 17.1 };
    const at = (omega: number) =>
      gammaGammaModelLogLikelihood({ p: 3.2, omega, theta: 17 }, customer);
    // Gamma(px, rate x/θ) at zbar, px = 9.6: ln of (x/θ)^px zbar^(px−1) e^(−x zbar/θ) / Γ(px).
    const px = 9.6;
    const rate = 3 / 17;
    const gammaDensity =
      px * Math.log(rate) + (px - 1) * Math.log(17.1) - rate * 17.1 - 11.90966015485876;
    relative(at(0), gammaDensity, 1e-12);
    relative(at(1e-12), at(0), 1e-10);
  });
});

describe("BG/NBD at its limits", () => {
  const base: BgnbdModel = { m: 0.3, rho: 0.5, mu: 0.2, phi: 0.3 };
  const customer = { x: 4, tx: 20, T: 30 };

  it("is NBD when nobody drops out: E[X(t)] = m t, P(alive) = 1, E[Y] = the posterior mean rate × t", () => {
    const nbd = { ...base, mu: 0, phi: 0 };
    expect(bgnbdModelExpected(nbd, 40)).toBeCloseTo(12, 12);
    expect(bgnbdModelPAlive(nbd, customer)).toBe(1);
    const posteriorRate = ((1 + 4 * 0.5) * 0.3) / (1 + 0.5 * 0.3 * 30);
    expect(bgnbdModelConditional(nbd, customer, 10)).toBeCloseTo(posteriorRate * 10, 12);
    // The parameter form a = 0 is the same model.
    expect(bgnbdExpectedTransactions({ r: 2, alpha: 2 / 0.3, a: 0, b: 1 }, 40)).toBeCloseTo(12, 12);
  });

  it("has E[X(t)] = (1 − (1 + ρ m μ t)^(−1/ρ))/μ when everyone has the same drop-out, and e^(−mμt) in it at ρ = 0", () => {
    const same = { ...base, phi: 0 };
    const want = (1 - (1 + 0.5 * 0.3 * 0.2 * 40) ** (-1 / 0.5)) / 0.2;
    relative(bgnbdModelExpected(same, 40), want, 1e-13);
    const poisson = { ...same, rho: 0 };
    relative(bgnbdModelExpected(poisson, 40), (1 - Math.exp(-0.3 * 0.2 * 40)) / 0.2, 1e-13);
  });

  it("approaches every limit continuously from inside", () => {
    for (const [limit, near] of [
      [{ mu: 0, phi: 0 }, { mu: 1e-12 }],
      [{ phi: 0 }, { phi: 1e-12 }],
      [{ phi: 1 }, { phi: 1 - 1e-12 }],
      [{ rho: 0 }, { rho: 1e-12 }],
    ] as Partial<BgnbdModel>[][]) {
      const at = { ...base, ...limit };
      const inside = { ...base, ...near };
      relative(bgnbdModelExpected(inside, 40), bgnbdModelExpected(at, 40), 1e-9);
      relative(
        bgnbdModelLogLikelihood(inside, customer),
        bgnbdModelLogLikelihood(at, customer),
        1e-9,
      );
      relative(
        bgnbdModelConditional(inside, customer, 10),
        bgnbdModelConditional(at, customer, 10),
        1e-9,
      );
    }
  });

  it("keeps a proper pmf with mean E[X(t)] at each limit", () => {
    for (const limit of [{ mu: 0 }, { phi: 0 }, { phi: 1 }, { rho: 0 }, { rho: 0, phi: 0 }]) {
      const model = { ...base, ...limit };
      let total = 0;
      let mean = 0;
      for (let x = 0; x < 200; x++) {
        const p = bgnbdModelProbability(model, x, 40);
        total += p;
        mean += x * p;
      }
      expect(total, JSON.stringify(limit)).toBeCloseTo(1, 10);
      expect(mean, JSON.stringify(limit)).toBeCloseTo(bgnbdModelExpected(model, 40), 8);
    }
  });

  it("sums what the closed forms at φ = 0 and φ = 1 give", () => {
    for (const phi of [0, 1]) {
      const model = { ...base, phi };
      relative(bgnbdModelExpected(model, 40), bgnbdExpectedBySum(model, 40), 1e-12, `φ = ${phi}`);
    }
  });

  it("takes the ₂F₁ form where the sum's tail would run to millions of terms, and agrees with the sum", () => {
    // r = 1e-4: t/α = ρ m t = 1e5, a negative binomial with a tail like (1 − 1e-5)^n.
    const heavy = { m: 0.1, rho: 1e4, mu: 0.24, phi: 0.23 };
    const closed = bgnbdModelExpected(heavy, 100);
    relative(closed, bgnbdExpectedBySum(heavy, 100), 1e-9);
    // And near a = 1, where the formula is 0/0: a = μ(1 − φ)/φ = 1 at μ = 0.3, φ = 0.23077….
    const one = { ...heavy, mu: 0.3, phi: 0.3 / 1.3 };
    relative(bgnbdModelExpected(one, 100), bgnbdExpectedBySum(one, 100), 1e-7);
  }, 60_000);

  it("gives the polarised limit (a + b → 0) no drop-out after a second purchase", () => {
    const polarised = { ...base, phi: 1 };
    // Who survived the first chance never drops out: ln L of x ≥ 2 has no dropped branch.
    const twice = { x: 2, tx: 5, T: 30 };
    const noDrop = bgnbdModelLogLikelihood({ ...polarised, mu: 0 }, twice);
    relative(bgnbdModelLogLikelihood(polarised, twice) - Math.log(1 - 0.2), noDrop, 1e-13);
    expect(Number.isFinite(bgnbdModelLogLikelihood(polarised, { x: 1, tx: 5, T: 30 }))).toBe(true);
  });
});
