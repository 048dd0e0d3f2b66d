import type { BgnbdCustomer, BgnbdParams } from "./bgnbd.ts";
import { bgnbdObjective } from "./bgnbd-objective.ts";
import { lnGamma } from "./gamma-function.ts";
import type { GammaGammaCustomer, GammaGammaParams } from "./gamma-gamma.ts";
import { minimize } from "./nelder-mead.ts";
import { logParameterStandardErrors } from "./standard-errors.ts";

export type BgnbdFit = {
  params: BgnbdParams;
  /** Delta-method standard errors; null when the Hessian is not positive definite. */
  standardErrors: BgnbdParams | null;
  logLik: number;
  customers: number;
  evaluations: number;
};

export type GammaGammaFit = {
  params: GammaGammaParams;
  standardErrors: GammaGammaParams | null;
  logLik: number;
  customers: number;
  evaluations: number;
};

// Log-parameters beyond ±30 mean the fit ran off to a boundary; treat them as infeasible.
const FAR = 30;

/**
 * Fits BG/NBD by maximum likelihood over ln r, ln α, ln a, ln b from three starts (one scaled
 * to the data); the best is polished by Nelder–Mead restarts until they stop improving.
 */
export function fitBgnbd(customers: readonly BgnbdCustomer[]): BgnbdFit {
  if (customers.length === 0) throw new RangeError("fitBgnbd requires at least one customer");
  const negLogLik = bgnbdObjective(customers);
  const meanT = mean(customers, (c) => c.T);
  const meanX = mean(customers, (c) => c.x);
  const alpha0 = Math.max(meanT, 1e-3) / Math.max(meanX, 0.05);
  const starts = [
    [1, alpha0, 1, 1],
    [0.3, 0.3 * alpha0, 0.8, 2.5],
    [3, 3 * alpha0, 3, 6],
  ].map((theta) => theta.map(Math.log));
  const best = minimize(negLogLik, starts);
  const se = logParameterStandardErrors(negLogLik, best.x);
  const [r, alpha, a, b] = best.x.map(Math.exp);
  return {
    params: { r, alpha, a, b },
    standardErrors: se && { r: se[0], alpha: se[1], a: se[2], b: se[3] },
    logLik: -best.value,
    customers: customers.length,
    evaluations: best.evaluations,
  };
}

/**
 * Fits Gamma-Gamma by maximum likelihood over ln p, ln q, ln γ to repeat buyers (x ≥ 1, zbar > 0);
 * throws RangeError when there are none.
 */
export function fitGammaGamma(customers: readonly GammaGammaCustomer[]): GammaGammaFit {
  const buyers = customers.filter((c) => c.x >= 1 && c.zbar > 0);
  if (buyers.length === 0)
    throw new RangeError("fitGammaGamma requires a repeat buyer with zbar > 0");
  const groups = groupBy(buyers, (c) => `${c.x}|${c.zbar}`);
  const xs = [...new Set(buyers.map((c) => c.x))];
  const xIndex = groups.map(({ item }) => xs.indexOf(item.x));
  const lnX = groups.map(({ item }) => Math.log(item.x));
  const lnZ = groups.map(({ item }) => Math.log(item.zbar));
  const perX = new Float64Array(xs.length);
  const negLogLik = (phi: readonly number[]) => {
    if (phi.some((v) => Math.abs(v) > FAR)) return Number.POSITIVE_INFINITY;
    const [p, q, gamma] = phi.map(Math.exp);
    const base = -lnGamma(q) + q * Math.log(gamma);
    for (let k = 0; k < xs.length; k++)
      perX[k] = base + lnGamma(p * xs[k] + q) - lnGamma(p * xs[k]);
    let sum = 0;
    for (let g = 0; g < groups.length; g++) {
      const { item, weight } = groups[g];
      const px = p * item.x;
      const rest =
        (px - 1) * lnZ[g] + px * lnX[g] - (px + q) * Math.log(gamma + item.x * item.zbar);
      sum += weight * (perX[xIndex[g]] + rest);
    }
    return -sum;
  };
  const m = mean(buyers, (c) => c.zbar);
  const starts = [
    [1, 1, 1],
    [2, 3, m],
    [10, 5, 0.4 * m],
  ].map((theta) => theta.map(Math.log));
  const best = minimize(negLogLik, starts);
  const se = logParameterStandardErrors(negLogLik, best.x);
  const [p, q, gamma] = best.x.map(Math.exp);
  return {
    params: { p, q, gamma },
    standardErrors: se && { p: se[0], q: se[1], gamma: se[2] },
    logLik: -best.value,
    customers: buyers.length,
    evaluations: best.evaluations,
  };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string) {
  const byKey = new Map<string, { item: T; weight: number }>();
  for (const item of items) {
    const k = key(item);
    const group = byKey.get(k);
    if (group) group.weight++;
    else byKey.set(k, { item, weight: 1 });
  }
  return [...byKey.values()];
}

function mean<T>(items: readonly T[], of: (item: T) => number): number {
  let sum = 0;
  for (const item of items) sum += of(item);
  return sum / items.length;
}
