import type { BgnbdCustomer, BgnbdModel } from "./bgnbd.ts";

/**
 * The BG/NBD log-likelihood of a set of customers and its gradient, in the model coordinates
 * v = (ln m, ρ, μ, φ) of `BgnbdModel`, arranged to be called hundreds of times on large logs.
 *
 * Work per call is proportional to the distinct (x, tx, T) triples, not the customers: customers
 * with the same record count once, weighted, and every term that depends on x, tx or T alone is
 * computed once per distinct value. In these coordinates every limit (ρ = 0, μ = 0, φ = 0 or
 * φ = 1) is an ordinary point where the likelihood and its gradient are finite, so an optimiser
 * can stop there.
 */
export class BgnbdLikelihood {
  readonly customers: number;
  readonly triples: number;
  /** Σ x over customers, and the largest x. */
  readonly repeats: number;
  readonly meanT: number;
  private readonly maxX: number;
  private readonly xs: Float64Array;
  private readonly countX: Float64Array;
  private readonly ts: Float64Array;
  private readonly txs: Float64Array;
  private readonly xAt: Int32Array;
  private readonly tAt: Int32Array;
  private readonly txAt: Int32Array;
  private readonly weight: Float64Array;
  // Per-evaluation scratch.
  private readonly xTerm: Float64Array;
  private readonly dropTerm: Float64Array;
  private readonly dropMu: Float64Array;
  private readonly dropPhi: Float64Array;
  private readonly tDecay: Float64Array[];
  private readonly txDecay: Float64Array[];
  private readonly sums: Float64Array;

  constructor(records: readonly BgnbdCustomer[]) {
    const xs = new Distinct();
    const ts = new Distinct();
    const txs = new Distinct();
    const groups = new Map<number, number>();
    const xAt: number[] = [];
    const tAt: number[] = [];
    const txAt: number[] = [];
    const weight: number[] = [];
    let repeats = 0;
    let sumT = 0;
    // Indexes of x, T and tx fit in 2^21 each for any log (days in ten thousand years), so the
    // three form one exact number key.
    for (const { x, tx, T } of records) {
      repeats += x;
      sumT += T;
      const xi = xs.index(x);
      const ti = ts.index(T);
      const txi = txs.index(tx);
      const key = (xi * 2_097_152 + ti) * 2_097_152 + txi;
      const g = groups.get(key);
      if (g !== undefined) {
        weight[g]++;
        continue;
      }
      groups.set(key, weight.length);
      xAt.push(xi);
      tAt.push(ti);
      txAt.push(txi);
      weight.push(1);
    }
    this.customers = records.length;
    this.triples = weight.length;
    this.repeats = repeats;
    this.meanT = records.length > 0 ? sumT / records.length : 0;
    this.xs = Float64Array.from(xs.values);
    this.ts = Float64Array.from(ts.values);
    this.txs = Float64Array.from(txs.values);
    this.maxX = this.xs.reduce((a, b) => Math.max(a, b), 0);
    this.xAt = Int32Array.from(xAt);
    this.tAt = Int32Array.from(tAt);
    this.txAt = Int32Array.from(txAt);
    this.weight = Float64Array.from(weight);
    this.countX = new Float64Array(this.xs.length);
    for (let g = 0; g < weight.length; g++) this.countX[xAt[g]] += weight[g];
    this.xTerm = new Float64Array(this.xs.length);
    this.dropTerm = new Float64Array(this.xs.length);
    this.dropMu = new Float64Array(this.xs.length);
    this.dropPhi = new Float64Array(this.xs.length);
    this.tDecay = Array.from({ length: 5 }, () => new Float64Array(this.ts.length));
    this.txDecay = Array.from({ length: 5 }, () => new Float64Array(this.txs.length));
    this.sums = new Float64Array((this.maxX + 1) * 5);
  }

  /** The model coordinates of a point v = (ln m, ρ, μ, φ). */
  static model(v: readonly number[]): BgnbdModel {
    return { m: Math.exp(v[0]), rho: v[1], mu: v[2], phi: v[3] };
  }

  /**
   * Σ ln L at v = (ln m, ρ, μ, φ), with ∂/∂v written into `gradient` when given; −∞ outside
   * ρ ≥ 0, 0 ≤ μ < 1, 0 ≤ φ ≤ 1.
   */
  evaluate(v: readonly number[], gradient?: number[]): number {
    const [lnm, rho, mu, phi] = v;
    if (!(Number.isFinite(lnm) && rho >= 0 && mu >= 0 && mu < 1 && phi >= 0 && phi <= 1)) {
      return Number.NEGATIVE_INFINITY;
    }
    if (!Number.isFinite(rho)) return Number.NEGATIVE_INFINITY;
    const m = Math.exp(lnm);
    const lnMu = Math.log(mu);
    const want = gradient !== undefined;
    const { xs, countX, xTerm, dropTerm, dropMu, dropPhi } = this;

    // Terms of x alone, as running sums over j < x: Σ ln(1 + jρ) and Σ ln(1 − c_j), the chance of
    // surviving each drop-out, c_0 = μ and c_j = μ(1 − φ)/(1 + (j − 1)φ), with their derivatives.
    let sumRate = 0;
    let sumRateRho = 0;
    let sumSurvive = 0;
    let sumSurviveMu = 0;
    let sumSurvivePhi = 0;
    let gLnm = 0;
    let gRho = 0;
    let gMu = 0;
    let gPhi = 0;
    let ll = 0;
    const { sums } = this;
    for (let j = 0; j <= this.maxX; j++) {
      sums[j * 5] = sumRate;
      sums[j * 5 + 1] = sumRateRho;
      sums[j * 5 + 2] = sumSurvive;
      sums[j * 5 + 3] = sumSurviveMu;
      sums[j * 5 + 4] = sumSurvivePhi;
      sumRate += Math.log1p(j * rho);
      sumRateRho += j / (1 + j * rho);
      if (j === 0) {
        sumSurvive += Math.log1p(-mu);
        sumSurviveMu -= 1 / (1 - mu);
      } else {
        const d = 1 + (j - 1) * phi;
        const rest = d - mu * (1 - phi);
        sumSurvive += Math.log1p((-mu * (1 - phi)) / d);
        sumSurviveMu -= (1 - phi) / rest;
        sumSurvivePhi += (j * mu) / (d * rest);
      }
    }
    for (let k = 0; k < xs.length; k++) {
      const x = xs[k];
      const at = x * 5;
      xTerm[k] = x * lnm + sums[at] + sums[at + 2];
      ll += countX[k] * xTerm[k];
      if (want) {
        gLnm += countX[k] * x;
        gRho += countX[k] * sums[at + 1];
        gMu += countX[k] * sums[at + 3];
        gPhi += countX[k] * sums[at + 4];
      }
      // The weight of "dropped after the last purchase" is μ·(1 − φ)·e^dropTerm for x ≥ 2 with
      // dropTerm = −ln((1 − μ)(1 − φ) + (x − 1)φ), and μ·e^dropTerm at x = 1 with
      // dropTerm = −ln(1 − μ); dropMu and dropPhi are the derivatives of its log without ln μ.
      if (x === 1) {
        dropTerm[k] = -Math.log1p(-mu);
        dropMu[k] = 1 / (1 - mu);
        dropPhi[k] = 0;
      } else if (x > 1) {
        const B = (1 - mu) * (1 - phi) + (x - 1) * phi;
        dropTerm[k] = -Math.log(B);
        dropMu[k] = (1 - phi) / B;
        dropPhi[k] = -(x - 1) / B; // times 1/(1 − φ), which the weight's (1 − φ) cancels
      }
    }
    const lnOneMinusPhi = Math.log1p(-phi);

    // Terms of T and of tx alone: (r + x) ln(1 + t/α) = m t·log1p(y)/y + x·log1p(y), y = ρ m t.
    decay(this.ts, m, rho, this.tDecay);
    decay(this.txs, m, rho, this.txDecay);
    const [t1, t2, tA, tB, tC] = this.tDecay;
    const [s1, s2, sA, sB, sC] = this.txDecay;

    const { xAt, tAt, txAt, weight } = this;
    for (let g = 0; g < weight.length; g++) {
      const k = xAt[g];
      const x = xs[k];
      const t = tAt[g];
      const alive = -t1[t] - x * t2[t];
      let lse = alive;
      let wAlive = 1;
      let wDropped = 0;
      let wDroppedOverMu = 0;
      if (x > 0) {
        const s = txAt[g];
        // ln of the dropped branch without ln μ (and, for x ≥ 2, without ln(1 − φ)).
        const core = dropTerm[k] - s1[s] - x * s2[s];
        const droppedNoMu = x === 1 ? core : core + lnOneMinusPhi;
        const delta = droppedNoMu + lnMu - alive;
        if (delta <= 0) {
          const e = Math.exp(delta);
          lse = alive + Math.log1p(e);
          wDropped = e / (1 + e);
          wAlive = 1 / (1 + e);
        } else {
          const e = Math.exp(-delta);
          lse = alive + delta + Math.log1p(e);
          wAlive = e / (1 + e);
          wDropped = 1 / (1 + e);
        }
        wDroppedOverMu = mu > 0 ? wDropped / mu : Math.exp(droppedNoMu - lse);
        if (want) {
          const w = weight[g];
          gLnm -= w * wDropped * (sA[s] + x * sB[s]);
          gRho += w * wDropped * (sC[s] - x * sA[s]);
          gMu += w * (wDroppedOverMu + wDropped * dropMu[k]);
          // wDropped/(1 − φ) = μ·e^(core − lse), finite at φ = 1.
          if (x > 1) gPhi += w * mu * Math.exp(core - lse) * dropPhi[k];
        }
      }
      ll += weight[g] * lse;
      if (want) {
        const w = weight[g] * wAlive;
        gLnm -= w * (tA[t] + x * tB[t]);
        gRho += w * (tC[t] - x * tA[t]);
      }
    }
    if (gradient) {
      gradient[0] = gLnm;
      gradient[1] = gRho;
      gradient[2] = gMu;
      gradient[3] = gPhi;
    }
    return ll;
  }
}

/**
 * For each time t: [m t·log1p(y)/y, log1p(y), m t/(1+y), y/(1+y), (m t)²·h(y)] with y = ρ m t and
 * h(y) = (log1p(y) − y/(1+y))/y², the pieces of (r + x) ln(1 + t/α) and its derivatives in ln m
 * and ρ.
 */
function decay(times: Float64Array, m: number, rho: number, out: Float64Array[]) {
  const [v1, v2, dA, dB, dC] = out;
  for (let i = 0; i < times.length; i++) {
    const mt = m * times[i];
    const y = rho * mt;
    const l = Math.log1p(y);
    v1[i] = y === 0 ? mt : l / rho;
    v2[i] = l;
    dA[i] = mt / (1 + y);
    dB[i] = y / (1 + y);
    dC[i] = mt * mt * logExcessOverSquare(y);
  }
}

/** h(y) = (log1p(y) − y/(1 + y))/y² for y ≥ 0, by its series where the difference cancels. */
export function logExcessOverSquare(y: number): number {
  if (y < 1e-3) {
    // Σ_{k≥0} (−1)^k (k + 1)/(k + 2) y^k, to y⁵ (the next term is below 1e-18).
    return 0.5 + y * (-2 / 3 + y * (3 / 4 + y * (-4 / 5 + y * (5 / 6 - (y * 6) / 7))));
  }
  // Above 1e-3 the two terms differ in the sixth digit at worst: 1e-13 relative.
  return (Math.log1p(y) - y / (1 + y)) / (y * y);
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
