import {
  digamma,
  digammaDifferenceExcess,
  logGamma,
  logGammaDifferenceExcess,
} from "../stats/log-gamma.ts";
import { logExcessOverSquare } from "./bgnbd-objective.ts";
import type { GammaGammaCustomer } from "./gamma-gamma.ts";

/**
 * The Gamma-Gamma log-likelihood of repeat buyers and its gradient in v = (ln p, ω, ln θ), the
 * coordinates of `GammaGammaModel` (ω = 1/q, θ = γ/q), where the limit q → ∞ (every customer
 * with the same mean) is the ordinary point ω = 0. Work per call is proportional to the distinct
 * (x, zbar) pairs; terms of x alone are computed once per distinct x.
 *
 * Amounts are divided by their geometric mean first, so the fit is the same in cents or in
 * billions (θ comes back in the log's units, and the log-likelihood with the Jacobian of the
 * scaling).
 */
export class GammaGammaLikelihood {
  readonly customers: number;
  readonly pairs: number;
  /** The geometric mean of zbar, the unit the coordinates work in. */
  readonly scale: number;
  private readonly xs: Float64Array;
  private readonly countX: Float64Array;
  private readonly sumPerX: Float64Array;
  private readonly xAt: Int32Array;
  private readonly v0: Float64Array;
  private readonly weight: Float64Array;
  private readonly perX: Float64Array[];
  private readonly logScaleTotal: number;

  constructor(records: readonly GammaGammaCustomer[]) {
    let logSum = 0;
    for (const { zbar } of records) logSum += Math.log(zbar);
    this.scale = Math.exp(logSum / Math.max(1, records.length));
    const xs = new Map<number, number>();
    const groups: Map<number, number>[] = [];
    const xAt: number[] = [];
    const v0: number[] = [];
    const weight: number[] = [];
    const xValues: number[] = [];
    for (const { x, zbar } of records) {
      let xi = xs.get(x);
      if (xi === undefined) {
        xi = xValues.length;
        xs.set(x, xi);
        xValues.push(x);
        groups.push(new Map());
      }
      const g = groups[xi].get(zbar);
      if (g !== undefined) {
        weight[g]++;
        continue;
      }
      groups[xi].set(zbar, weight.length);
      xAt.push(xi);
      v0.push((x * zbar) / this.scale);
      weight.push(1);
    }
    this.customers = records.length;
    this.pairs = weight.length;
    this.xs = Float64Array.from(xValues);
    this.xAt = Int32Array.from(xAt);
    this.v0 = Float64Array.from(v0);
    this.weight = Float64Array.from(weight);
    this.countX = new Float64Array(xValues.length);
    // Σ over customers of x with their ln(x·z) and ln z, per x: the terms linear in p.
    this.sumPerX = new Float64Array(xValues.length * 2);
    for (const { x, zbar } of records) {
      const xi = xs.get(x) as number;
      this.countX[xi]++;
      const z = zbar / this.scale;
      this.sumPerX[xi * 2] += Math.log(x * z);
      this.sumPerX[xi * 2 + 1] += Math.log(z);
    }
    this.perX = Array.from({ length: 3 }, () => new Float64Array(xValues.length));
    this.logScaleTotal = records.length * Math.log(this.scale);
  }

  /**
   * Σ ln f at v = (ln p, ω, ln θ) with θ in units of `scale`; ∂/∂v written into `gradient` when
   * given. `unscaled` adds the Jacobian so the value is the log-likelihood of the log's amounts.
   * −∞ outside ω ≥ 0.
   */
  evaluate(v: readonly number[], gradient?: number[], unscaled = false): number {
    const [lnp, omega, lnTheta] = v;
    if (
      !(Number.isFinite(lnp) && Number.isFinite(lnTheta) && omega >= 0 && Number.isFinite(omega))
    ) {
      return Number.NEGATIVE_INFINITY;
    }
    const p = Math.exp(lnp);
    const theta = Math.exp(lnTheta);
    const q = omega === 0 ? Number.POSITIVE_INFINITY : 1 / omega;
    const { xs, countX, sumPerX, perX } = this;
    const [dP, dOmega, px] = perX;
    const want = gradient !== undefined;
    let ll = unscaled ? -this.logScaleTotal : 0;
    let gLnp = 0;
    let gOmega = 0;
    let gLnTheta = 0;
    for (let k = 0; k < xs.length; k++) {
      const P = p * xs[k];
      px[k] = P;
      const excess = omega === 0 ? 0 : logGammaDifferenceExcess(q, P);
      // Per customer of this x: E(q, P) − ln Γ(P) − P ln θ + P ln(x z) − ln z.
      ll +=
        countX[k] * (excess - logGamma(P) - P * lnTheta) + P * sumPerX[k * 2] - sumPerX[k * 2 + 1];
      if (want) {
        // ∂E/∂d = ψ(q + P) − ln q → 0 as q → ∞; ∂E/∂ω = −q² (ψ(q+P) − ψ(q) − P/q) → P(P−1)/2.
        const dExcess = omega === 0 ? 0 : digamma(q + P) - Math.log(q);
        dP[k] = P * (dExcess - digamma(P) - lnTheta);
        gLnp += countX[k] * dP[k] + P * sumPerX[k * 2];
        gLnTheta -= countX[k] * P;
        dOmega[k] = omega === 0 ? (P * (P - 1)) / 2 : -q * q * digammaDifferenceExcess(q, P);
        gOmega += countX[k] * dOmega[k];
      }
    }
    // −(P + q) ln(1 + ωu), u = x z/θ: u·log1p(ωu)/(ωu) + P·log1p(ωu).
    const { xAt, v0, weight } = this;
    const invTheta = 1 / theta;
    for (let g = 0; g < weight.length; g++) {
      const k = xAt[g];
      const P = px[k];
      const u = v0[g] * invTheta;
      const y = omega * u;
      const l = Math.log1p(y);
      const w = weight[g];
      ll -= w * ((y === 0 ? u : l / omega) + P * l);
      if (want) {
        gLnp -= w * P * l;
        gLnTheta += (w * u * (1 + P * omega)) / (1 + y);
        gOmega += w * (u * u * logExcessOverSquare(y) - (P * u) / (1 + y));
      }
    }
    if (gradient) {
      gradient[0] = gLnp;
      gradient[1] = gOmega;
      gradient[2] = gLnTheta;
    }
    return ll;
  }
}
