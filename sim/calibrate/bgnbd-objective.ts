import type { BgnbdCustomer } from "./bgnbd.ts";
import { lnGamma } from "./gamma-function.ts";

// Log-parameters beyond ±30 mean the fit ran off to a boundary; treat them as infeasible.
const FAR = 30;

/**
 * −ln L of BG/NBD as a function of φ = (ln r, ln α, ln a, ln b), for the optimiser: the same sum
 * as bgnbdLogLikelihood, arranged to be cheap to call thousands of times.
 */
export function bgnbdObjective(customers: readonly BgnbdCustomer[]) {
  // Customers with the same (x, tx, T) count once, weighted; every term that depends on only one
  // of x, tx, T is computed once per distinct value (weekly data have a few hundred of each).
  const xs = new Distinct();
  const txs = new Distinct();
  const ts = new Distinct();
  const groups = new Map<string, number>();
  const xAt: number[] = [];
  const txAt: number[] = [];
  const tAt: number[] = [];
  const weights: number[] = [];
  for (const { x, tx, T } of customers) {
    const key = `${x}|${tx}|${T}`;
    const g = groups.get(key);
    if (g !== undefined) {
      weights[g]++;
      continue;
    }
    groups.set(key, weights.length);
    xAt.push(xs.index(x));
    txAt.push(txs.index(tx));
    tAt.push(ts.index(T));
    weights.push(1);
  }
  const perX = new Float64Array(xs.values.length);
  const droppedX = new Float64Array(xs.values.length);
  const lnAlphaT = new Float64Array(ts.values.length);
  const lnAlphaTx = new Float64Array(txs.values.length);

  return (phi: readonly number[]): number => {
    if (phi.some((v) => !(Math.abs(v) <= FAR))) return Number.POSITIVE_INFINITY;
    const r = Math.exp(phi[0]);
    const alpha = Math.exp(phi[1]);
    const a = Math.exp(phi[2]);
    const b = Math.exp(phi[3]);
    const base = -lnGamma(r) + r * phi[1] + lnGamma(a + b) - lnGamma(b);
    for (let k = 0; k < xs.values.length; k++) {
      const x = xs.values[k];
      perX[k] = base + lnGamma(r + x) + lnGamma(b + x) - lnGamma(a + b + x);
      droppedX[k] = x > 0 ? phi[2] - Math.log(b + x - 1) : Number.NEGATIVE_INFINITY;
    }
    for (let k = 0; k < ts.values.length; k++) lnAlphaT[k] = Math.log(alpha + ts.values[k]);
    for (let k = 0; k < txs.values.length; k++) lnAlphaTx[k] = Math.log(alpha + txs.values[k]);
    let sum = 0;
    for (let g = 0; g < weights.length; g++) {
      const k = xAt[g];
      const rx = r + xs.values[k];
      const alive = -rx * lnAlphaT[tAt[g]];
      let term = alive;
      if (droppedX[k] !== Number.NEGATIVE_INFINITY) {
        const dropped = droppedX[k] - rx * lnAlphaTx[txAt[g]];
        term =
          alive > dropped
            ? alive + Math.log1p(Math.exp(dropped - alive))
            : dropped + Math.log1p(Math.exp(alive - dropped));
      }
      sum += weights[g] * (perX[k] + term);
    }
    return -sum;
  };
}

class Distinct {
  readonly values: number[] = [];
  private readonly at = new Map<number, number>();
  index(value: number): number {
    let i = this.at.get(value);
    if (i === undefined) {
      i = this.values.length;
      this.values.push(value);
      this.at.set(value, i);
    }
    return i;
  }
}
