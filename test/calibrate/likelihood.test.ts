import { describe, expect, it } from "vitest";
import { bgnbdModelLogLikelihood } from "../../sim/calibrate/bgnbd.ts";
import { BgnbdLikelihood } from "../../sim/calibrate/bgnbd-objective.ts";
import { fitBgnbd, fitGammaGamma } from "../../sim/calibrate/fit.ts";
import { gammaGammaModelLogLikelihood } from "../../sim/calibrate/gamma-gamma.ts";
import { GammaGammaLikelihood } from "../../sim/calibrate/gamma-gamma-objective.ts";
import {
  hessianFromGradient,
  standardErrorsFromHessian,
} from "../../sim/calibrate/standard-errors.ts";
import { seededRandom } from "../../sim/random.ts";

// A small population with repeats, ties in (x, tx, T), and a large x.
function customers(n: number, seed: number) {
  const random = seededRandom(seed, "likelihood-test");
  return Array.from({ length: n }, () => {
    const T = Math.floor(random() * 52) + 1;
    const x = Math.floor(random() * random() * 12);
    const tx = x === 0 ? 0 : Math.ceil(random() * T);
    return { x, tx, T, zbar: x === 0 ? 0 : 5 + Math.floor(random() * 400) / 4 };
  });
}
const people = [...customers(300, 1), { x: 60, tx: 51, T: 52, zbar: 20 }];

/** Central differences of f at v in each coordinate; `fixed` coordinates are skipped. */
function numericGradient(f: (v: number[]) => number, v: number[], h: number[]) {
  return v.map((_, i) => {
    const up = v.slice();
    up[i] += h[i];
    const down = v.slice();
    down[i] -= h[i];
    return (f(up) - f(down)) / (2 * h[i]);
  });
}

describe("the BG/NBD likelihood over distinct records", () => {
  const likelihood = new BgnbdLikelihood(people);

  it("equals the sum of the per-customer closed form, in and at the limits", () => {
    for (const v of [
      [Math.log(0.1), 0.8, 0.3, 0.25],
      [Math.log(0.1), 0, 0.3, 0.25],
      [Math.log(0.1), 0.8, 0, 0],
      [Math.log(0.1), 0.8, 0.3, 0],
      [Math.log(0.1), 0.8, 0.3, 1],
    ]) {
      const model = BgnbdLikelihood.model(v);
      let sum = 0;
      for (const c of people) sum += bgnbdModelLogLikelihood(model, c);
      expect(likelihood.evaluate(v)).toBeCloseTo(sum, 9);
    }
  });

  it("has the gradient its central differences give, inside and at every limit", () => {
    for (const v of [
      [Math.log(0.1), 0.8, 0.3, 0.25],
      [Math.log(0.2), 0, 0.05, 0.6],
      [Math.log(0.1), 0.8, 0, 0.25],
      [Math.log(0.1), 0.8, 0.3, 0],
      [Math.log(0.1), 0.8, 0.3, 1],
    ]) {
      const analytic = [0, 0, 0, 0];
      likelihood.evaluate(v, analytic);
      // One-sided where a coordinate sits at the edge of its range, with a tiny step: ln L bends
      // sharply in μ near 0 when some customer's last purchase is long past.
      const numeric = v.map((value, i) => {
        const atLower = i > 0 && value === 0;
        const atUpper = i === 3 && value === 1;
        const h = atLower || atUpper ? 1e-10 : 1e-6;
        const up = v.slice();
        const down = v.slice();
        if (atLower) {
          up[i] += h;
          return (likelihood.evaluate(up) - likelihood.evaluate(v)) / h;
        }
        if (atUpper) {
          down[i] -= h;
          return (likelihood.evaluate(v) - likelihood.evaluate(down)) / h;
        }
        up[i] += h;
        down[i] -= h;
        return (likelihood.evaluate(up) - likelihood.evaluate(down)) / (2 * h);
      });
      for (let i = 0; i < 4; i++) {
        const tolerance = 2e-3 * Math.max(1, Math.abs(analytic[i]));
        expect(Math.abs(analytic[i] - numeric[i]), `v = ${v}, coordinate ${i}`).toBeLessThan(
          tolerance,
        );
      }
    }
  });

  it("does work per distinct (x, tx, T), not per customer: copies of a log change weights only", () => {
    const once = new BgnbdLikelihood(people);
    const thrice = new BgnbdLikelihood([...people, ...people, ...people]);
    expect(thrice.triples).toBe(once.triples);
    expect(once.triples).toBeLessThan(people.length);
    const v = [Math.log(0.1), 0.8, 0.3, 0.25];
    expect(thrice.evaluate(v)).toBeCloseTo(3 * once.evaluate(v), 8);
    const a = fitBgnbd(people);
    const b = fitBgnbd([...people, ...people, ...people]);
    expect(b.distinctRecords).toBe(a.distinctRecords);
    for (const key of ["m", "rho", "mu", "phi"] as const) {
      expect(Math.abs(b.model[key] - a.model[key]), key).toBeLessThan(1e-5 * (1 + a.model[key]));
    }
    expect(b.logLik).toBeCloseTo(3 * a.logLik, 4);
  });
});

describe("the Gamma-Gamma likelihood", () => {
  const buyers = people.filter((c) => c.x > 0);
  const likelihood = new GammaGammaLikelihood(buyers);

  it("equals the per-customer closed form, with the Jacobian of the amounts' scaling", () => {
    for (const [lnp, omega, lnTheta] of [
      [Math.log(3), 0.2, Math.log(4)],
      [Math.log(3), 0, Math.log(4)],
    ]) {
      const theta = Math.exp(lnTheta) * likelihood.scale;
      let sum = 0;
      for (const c of buyers)
        sum += gammaGammaModelLogLikelihood({ p: Math.exp(lnp), omega, theta }, c);
      expect(likelihood.evaluate([lnp, omega, lnTheta], undefined, true)).toBeCloseTo(sum, 8);
    }
  });

  it("has the gradient its central differences give, inside and at ω = 0", () => {
    for (const v of [
      [Math.log(3), 0.2, Math.log(4)],
      [Math.log(0.5), 2, Math.log(0.1)],
      [Math.log(3), 0, Math.log(4)],
    ]) {
      const analytic = [0, 0, 0];
      likelihood.evaluate(v, analytic);
      const numeric =
        v[1] === 0
          ? [
              ...numericGradient((w) => likelihood.evaluate(w), v, [1e-6, 1e-6, 1e-6]).slice(0, 1),
              (likelihood.evaluate([v[0], 1e-7, v[2]]) - likelihood.evaluate(v)) / 1e-7,
              numericGradient((w) => likelihood.evaluate(w), v, [1e-6, 1e-6, 1e-6])[2],
            ]
          : numericGradient((w) => likelihood.evaluate(w), v, [1e-6, 1e-6, 1e-6]);
      for (let i = 0; i < 3; i++) {
        expect(Math.abs(analytic[i] - numeric[i]), `v = ${v}, coordinate ${i}`).toBeLessThan(
          2e-3 * Math.max(1, Math.abs(analytic[i])),
        );
      }
    }
  });

  it("fits the same p and q in any currency unit, γ scaled with it", () => {
    const base = fitGammaGamma(buyers);
    for (const factor of [1e-9, 1e12]) {
      const scaled = fitGammaGamma(buyers.map((c) => ({ ...c, zbar: c.zbar * factor })));
      expect(Math.abs(scaled.params.p / base.params.p - 1)).toBeLessThan(1e-6);
      expect(Math.abs(scaled.params.q / base.params.q - 1)).toBeLessThan(1e-6);
      expect(Math.abs(scaled.params.gamma / (base.params.gamma * factor) - 1)).toBeLessThan(1e-6);
      // The density of zbar·factor: ln L drops by n ln(factor).
      expect(scaled.logLik).toBeCloseTo(base.logLik - buyers.length * Math.log(factor), 5);
    }
  });
});

describe("standard errors from a Hessian", () => {
  it("are the square roots of the inverse's diagonal, and none where the Hessian is singular or indefinite", () => {
    expect(
      standardErrorsFromHessian([
        [4, 0],
        [0, 1],
      ]),
    ).toEqual([0.5, 1]);
    expect(
      standardErrorsFromHessian([
        [1, 1],
        [1, 1],
      ]),
    ).toBeNull();
    expect(
      standardErrorsFromHessian([
        [2, 0],
        [0, -1],
      ]),
    ).toBeNull();
  });

  it("takes the Hessian from central differences of the gradient", () => {
    // f = x² + 3xy + 5y² has Hessian [[2, 3], [3, 10]] everywhere.
    const H = hessianFromGradient(([x, y]) => [2 * x + 3 * y, 3 * x + 10 * y], [0.3, -2], 1e-4);
    expect(H[0][0]).toBeCloseTo(2, 8);
    expect(H[0][1]).toBeCloseTo(3, 8);
    expect(H[1][0]).toBeCloseTo(3, 8);
    expect(H[1][1]).toBeCloseTo(10, 8);
  });
});
