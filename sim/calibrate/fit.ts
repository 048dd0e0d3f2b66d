import { chiSquareSurvival } from "../stats/chi-square.ts";
import { bfgs, type SmoothObjective } from "./bfgs.ts";
import {
  type BgnbdCustomer,
  type BgnbdModel,
  type BgnbdParams,
  bgnbdModel,
  bgnbdParams,
} from "./bgnbd.ts";
import { BgnbdLikelihood } from "./bgnbd-objective.ts";
import {
  type GammaGammaCustomer,
  type GammaGammaModel,
  type GammaGammaParams,
  gammaGammaParams,
} from "./gamma-gamma.ts";
import { GammaGammaLikelihood } from "./gamma-gamma-objective.ts";
import { hessianFromGradient, standardErrorsFromHessian } from "./standard-errors.ts";

/** A limit an estimate sits at, with what it means for the customers. */
export type Limit = { parameters: string; meaning: string };

/** Where a fit stopped at the edge of its parameter space, in words for a report. */
export type Boundary = { limits: Limit[]; message: string };

export type StandardErrors<K extends string> = Record<K, number | null>;

export type BgnbdFit = {
  /** The estimate; at a limit, the parameters that run off hold 0 or Infinity (null in JSON). */
  params: BgnbdParams;
  /** The same estimate in coordinates that hold every limit as a finite value. */
  model: BgnbdModel;
  /** Delta-method standard errors; null for a parameter at a limit or all when the Hessian is singular. */
  standardErrors: StandardErrors<keyof BgnbdParams>;
  /** Why some or all standard errors are missing; null when none is. */
  standardErrorNote: string | null;
  /** Null for an estimate inside the parameter space. */
  boundary: Boundary | null;
  logLik: number;
  dropOutTest: DropOutTest;
  /**
   * BG/NBD's own maximum-likelihood estimate when the test found no evidence of drop-out and the
   * fit is NBD instead; null otherwise.
   */
  maximumLikelihood: { params: BgnbdParams; model: BgnbdModel; logLik: number } | null;
  /** NBD (BG/NBD without drop-out) fitted to the same customers, for comparison. */
  nbd: { r: number; alpha: number; logLik: number };
  customers: number;
  /** Distinct (x, tx, T) records: the likelihood's work per evaluation. */
  distinctRecords: number;
  evaluations: number;
};

/** The likelihood-ratio test of no drop-out (NBD) against BG/NBD's maximum likelihood. */
export type DropOutTest = {
  /** ln L of BG/NBD's maximum likelihood minus that of NBD (≥ 0). */
  logLikGain: number;
  /** 2 × logLikGain. */
  statistic: number;
  /** Under ½χ²₀ + ½χ²₁ (one drop-out parameter free) or ½χ²₁ + ½χ²₂ (two). */
  p: number;
};

export type GammaGammaFit = {
  params: GammaGammaParams;
  model: GammaGammaModel;
  standardErrors: StandardErrors<keyof GammaGammaParams>;
  standardErrorNote: string | null;
  boundary: Boundary | null;
  logLik: number;
  customers: number;
  distinctRecords: number;
  evaluations: number;
};

// A parameter whose limit fits within this many log-likelihood units of the best interior
// point is reported at the limit: no likelihood-ratio test could tell them apart.
const LIMIT_TOLERANCE = 0.005;
// Coordinates whose fitted value is below this are tried at their limit 0.
const NEAR_LIMIT = 1e-3;
// BG/NBD is reported over NBD only when the likelihood-ratio test finds drop-out at this level.
const DROP_OUT_ALPHA = 0.05;

type Trial = { u: number[]; value: number; evaluations: number };

/**
 * BFGS over the coordinates `free` of u, the others held at `base`; f is −ln L / customers.
 * Returns the full u.
 */
function minimiseOver(
  objective: (u: readonly number[], gradient: number[]) => number,
  base: readonly number[],
  free: readonly number[],
): Trial {
  const full = base.slice();
  const fullGradient = new Array<number>(base.length).fill(0);
  const f: SmoothObjective = (x, gradient) => {
    for (let i = 0; i < free.length; i++) full[free[i]] = x[i];
    const value = objective(full, fullGradient);
    for (let i = 0; i < free.length; i++) gradient[i] = fullGradient[free[i]];
    return value;
  };
  const result = bfgs(
    f,
    free.map((i) => base[i]),
    { gradientTolerance: 1e-9, maxIterations: 400 },
  );
  const u = base.slice();
  for (let i = 0; i < free.length; i++) u[free[i]] = result.x[i];
  return { u, value: result.value, evaluations: result.evaluations };
}

// BG/NBD: u = (ln m, s_ρ, s_μ, w) with ρ = s_ρ², μ = s_μ²/(1 + s_μ²), φ = sin² w. Squares and
// sin² make the limits ρ = 0, μ = 0, φ = 0 and φ = 1 interior points of u (an optimum there has
// zero gradient); the other directions are bounded so no run can wander off.
const MAX_S_RHO = 1e4; // r ≥ 1e-8
const MAX_S_MU = 1e6; // μ ≤ 1 − 1e-12
const LN_M_RANGE = 30;

function toV(u: readonly number[]): number[] {
  const s = u[2] * u[2];
  const sin = Math.sin(u[3]);
  return [u[0], u[1] * u[1], s / (1 + s), sin * sin];
}

function toU(model: BgnbdModel): number[] {
  return [
    Math.log(model.m),
    Math.sqrt(model.rho),
    Math.sqrt(model.mu / (1 - model.mu)),
    Math.asin(Math.sqrt(model.phi)),
  ];
}

/**
 * Fits BG/NBD by maximum likelihood. The optimiser (BFGS, analytic gradients) works in
 * coordinates where every limit of the model is an ordinary point (see `BgnbdModel`), from three
 * starts scaled to the data, and two more near the drop-out limits when drop-out barely beats
 * NBD. NBD (no drop-out) is fitted
 * beside it and reported instead when the likelihood-ratio test finds no evidence of drop-out at
 * 5 %. An estimate within 0.005 log-likelihood units of another limit (the same drop-out or the
 * same rate for everyone, polarised drop-out) is reported at that limit, in words; one that runs
 * to a bound of the search (r → 0, a/(a + b) → 1) is reported as such. Work per step is
 * proportional to the distinct (x, tx, T) records, and every search stops after at most 400
 * steps. `unit` names the time unit in the words. Throws RangeError without customers or
 * without a repeat purchase.
 */
export function fitBgnbd(
  customers: readonly BgnbdCustomer[],
  options: { unit?: string } = {},
): BgnbdFit {
  if (customers.length === 0) throw new RangeError("fitBgnbd requires at least one customer");
  const likelihood = new BgnbdLikelihood(customers);
  if (likelihood.repeats === 0) throw new RangeError("fitBgnbd requires a repeat purchase");
  const n = likelihood.customers;
  const unit = options.unit ?? "unit of time";
  const meanX = likelihood.repeats / n;
  const alpha0 = Math.max(likelihood.meanT, 1e-3) / Math.max(meanX, 0.05);
  const lnM0 = Math.log(1 / alpha0);
  const v = [0, 0, 0, 0];
  const dv = [0, 0, 0, 0];
  const objective = (u: readonly number[], gradient: number[]) => {
    if (
      !(Math.abs(u[0] - lnM0) <= LN_M_RANGE) ||
      !(Math.abs(u[1]) <= MAX_S_RHO) ||
      !(Math.abs(u[2]) <= MAX_S_MU) ||
      !Number.isFinite(u[3])
    ) {
      return Number.POSITIVE_INFINITY;
    }
    const s = u[2] * u[2];
    const sin = Math.sin(u[3]);
    v[0] = u[0];
    v[1] = u[1] * u[1];
    v[2] = s / (1 + s);
    v[3] = sin * sin;
    const ll = likelihood.evaluate(v, dv);
    gradient[0] = -dv[0] / n;
    gradient[1] = (-2 * u[1] * dv[1]) / n;
    gradient[2] = (-2 * u[2] * dv[2]) / ((1 + s) * (1 + s) * n);
    gradient[3] = (-Math.sin(2 * u[3]) * dv[3]) / n;
    return -ll / n;
  };
  let evaluations = 0;
  const run = (base: readonly number[], free: readonly number[]) => {
    const trial = minimiseOver(objective, base, free);
    evaluations += trial.evaluations;
    return trial;
  };

  // No drop-out first (μ = 0, φ then plays no part): cheap, and a start for the full model.
  const nbd = run([lnM0, 1, 0, 1], [0, 1]);
  const classical = [
    [1, alpha0, 1, 1],
    [0.3, 0.3 * alpha0, 0.8, 2.5],
    [3, 3 * alpha0, 3, 6],
  ].map(([r, alpha, a, b]) => run(toU(bgnbdModel({ r, alpha, a, b })), [0, 1, 2, 3]));
  let full = classical.reduce(better);
  // A log with little drop-out can hide its maximum near a drop-out limit, away from those
  // starts: look there too when drop-out barely beats NBD (by under 10 log-likelihood units).
  if ((nbd.value - full.value) * n < 10) {
    for (const start of [
      [nbd.u[0], nbd.u[1], 0.1, 0.01],
      [nbd.u[0], nbd.u[1], 0.2, 1.5],
    ]) {
      full = better(full, run(start, [0, 1, 2, 3]));
    }
  }

  const logLik = (t: Trial) => -t.value * n;
  const tolerance = LIMIT_TOLERANCE + 1e-12 * Math.abs(logLik(full));
  const fitsAsWell = (t: Trial) => logLik(full) - logLik(t) <= tolerance;
  // Drop-out the same for everyone (φ = 0), or each customer's 0 or 1 (φ = 1), when that fits
  // as well.
  let best = full;
  let free = [0, 1, 2, 3];
  const phi = toV(full.u)[3];
  if (phi < NEAR_LIMIT || phi > 1 - NEAR_LIMIT) {
    const limit = run([full.u[0], full.u[1], full.u[2], phi < 0.5 ? 0 : Math.PI / 2], [0, 1, 2]);
    if (fitsAsWell(limit)) {
      best = limit;
      free = [0, 1, 2];
    }
  }
  // Is there evidence of drop-out? The likelihood-ratio test of NBD (μ = 0, on the boundary)
  // against the fit: its null distribution is ½χ²₀ + ½χ²₁ with one drop-out parameter free, and
  // at most ½χ²₁ + ½χ²₂ with two (Self & Liang 1987).
  const statistic = Math.max(0, 2 * (logLik(best) - logLik(nbd)));
  const survival = (df: number) => (statistic > 0 ? chiSquareSurvival(statistic, df) : 1);
  const dropOutP = free.length === 3 ? 0.5 * survival(1) : 0.5 * survival(1) + 0.5 * survival(2);
  const dropOutTest = {
    logLikGain: logLik(best) - logLik(nbd),
    statistic,
    p: Math.min(1, dropOutP),
  };
  // Every active customer buying at the same rate (ρ = 0), when that fits as well.
  const sameRate = (trial: Trial, coordinates: number[]) => {
    if (!(toV(trial.u)[1] < NEAR_LIMIT)) return { trial, free: coordinates };
    const base = trial.u.slice();
    base[1] = 0;
    const rest = coordinates.filter((i) => i !== 1);
    const poisson = run(base, rest);
    return logLik(trial) - logLik(poisson) <= tolerance
      ? { trial: poisson, free: rest }
      : { trial, free: coordinates };
  };
  const noDropOut = dropOutTest.p >= DROP_OUT_ALPHA;
  // BG/NBD's own maximum, when it is one apart from NBD's.
  const mle = noDropOut && dropOutTest.logLikGain > tolerance ? sameRate(best, free) : null;
  const nbdFit = sameRate(nbd, [0, 1]);
  ({ trial: best, free } = noDropOut ? nbdFit : sameRate(best, free));
  const model = modelAt(best.u, free);
  const { limits, atBound } = bgnbdLimits(model, best.u, lnM0, unit, dropOutTest);
  const params = bgnbdParams(model);
  const { standardErrors, note } = atBound
    ? { standardErrors: { r: null, alpha: null, a: null, b: null }, note: AT_BOUND }
    : bgnbdStandardErrors(likelihood, model);
  const nbdModel = modelAt(nbdFit.trial.u, nbdFit.free);
  return {
    params,
    model,
    standardErrors,
    standardErrorNote: note,
    boundary: limits.length > 0 ? { limits, message: limitMessage(limits) } : null,
    logLik: likelihood.evaluate(toModelV(model)),
    dropOutTest,
    maximumLikelihood:
      mle &&
      (() => {
        const m = modelAt(mle.trial.u, mle.free);
        return { params: bgnbdParams(m), model: m, logLik: logLik(mle.trial) };
      })(),
    nbd: {
      r: nbdModel.rho === 0 ? Number.POSITIVE_INFINITY : 1 / nbdModel.rho,
      alpha: nbdModel.rho === 0 ? Number.POSITIVE_INFINITY : 1 / (nbdModel.rho * nbdModel.m),
      logLik: logLik(nbdFit.trial),
    },
    customers: n,
    distinctRecords: likelihood.triples,
    evaluations,
  };
}

function better(a: Trial, b: Trial): Trial {
  return b.value < a.value ? b : a;
}

/** The model at u, with ρ and μ not in `free` at 0 and φ at its limit 0 or 1. */
function modelAt(u: readonly number[], free: readonly number[]): BgnbdModel {
  const v = toV(u);
  const mu = free.includes(2) ? v[2] : 0;
  return {
    m: Math.exp(v[0]),
    rho: free.includes(1) ? v[1] : 0,
    mu,
    phi: mu === 0 ? 0 : free.includes(3) ? v[3] : v[3] < 0.5 ? 0 : 1,
  };
}

function toModelV(model: BgnbdModel): number[] {
  return [Math.log(model.m), model.rho, model.mu, model.phi];
}

const sig = (v: number) =>
  Math.abs(v) >= 1e6 || (v !== 0 && Math.abs(v) < 1e-4)
    ? v.toPrecision(4)
    : Number(v.toPrecision(4)).toString();
const pValue = (p: number) => (p < 0.001 ? p.toExponential(1) : p.toFixed(3));

/**
 * The limits a BG/NBD estimate sits at, in words; `atBound` when one is a bound of the search
 * rather than a limit the model holds exactly.
 */
function bgnbdLimits(
  model: BgnbdModel,
  u: readonly number[],
  lnM0: number,
  unit: string,
  test: DropOutTest,
) {
  const limits: Limit[] = [];
  let atBound = false;
  if (model.mu === 0) {
    const evidence =
      test.logLikGain > LIMIT_TOLERANCE
        ? ` (drop-out would raise the log-likelihood by only ${test.logLikGain.toFixed(2)}, likelihood-ratio p = ${pValue(test.p)})`
        : "";
    limits.push({
      parameters: "a/(a + b) → 0",
      meaning: `no evidence of drop-out in this log${evidence}: the fit is the NBD limit; predictions assume nobody leaves`,
    });
  } else if (model.phi === 0) {
    limits.push({
      parameters: "a, b → ∞",
      meaning: `every customer has the same drop-out probability, ${sig(model.mu)} after each purchase`,
    });
  } else if (model.phi === 1) {
    limits.push({
      parameters: "a + b → 0",
      meaning: `each customer either never drops out (a share ${sig(1 - model.mu)}) or drops out right after her first repeat purchase (${sig(model.mu)})`,
    });
  }
  if (model.mu > 0 && Math.abs(u[2]) >= 0.999 * MAX_S_MU) {
    atBound = true;
    limits.push({
      parameters: "a/(a + b) → 1",
      meaning: "customers drop out after their first repeat purchase",
    });
  }
  if (model.rho === 0) {
    limits.push({
      parameters: "r, α → ∞",
      meaning: `every active customer buys at the same rate, ${sig(model.m)} per ${unit} (the Poisson limit)`,
    });
  } else if (Math.abs(u[1]) >= 0.999 * MAX_S_RHO) {
    atBound = true;
    limits.push({
      parameters: "r → 0",
      meaning:
        "purchase rates are as uneven as the search allows: nearly every customer's rate is about 0 and a few buy very often",
    });
  }
  if (Math.abs(u[0] - lnM0) >= 0.999 * LN_M_RANGE) {
    atBound = true;
    limits.push({
      parameters: u[0] > lnM0 ? "r/α → ∞" : "r/α → 0",
      meaning: "the purchase rate runs to the bound of the search; the log cannot pin it down",
    });
  }
  return { limits, atBound };
}

function limitMessage(limits: readonly Limit[]): string {
  const text = limits.map((l) => `${l.meaning} (${l.parameters})`).join("; ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const AT_BOUND =
  "no standard errors: the estimate sits at a bound of the search, where the Hessian of the log-likelihood is singular";
const SINGULAR =
  "the Hessian of the log-likelihood is singular at the estimate, so the log does not pin the parameters down";

/**
 * Standard errors by the delta method from the numerical Hessian of −ln L in the log-parameters
 * that are free: ln r, ln α (or ln(r/α) at the Poisson limit), ln a, ln b (or logit a/(a+b)
 * when a, b → ∞, nothing at the NBD limit).
 */
function bgnbdStandardErrors(
  likelihood: BgnbdLikelihood,
  model: BgnbdModel,
): { standardErrors: StandardErrors<keyof BgnbdParams>; note: string | null } {
  const none: StandardErrors<keyof BgnbdParams> = { r: null, alpha: null, a: null, b: null };
  const rate = model.rho > 0;
  const dropOut = model.mu > 0 ? (model.phi > 0 && model.phi < 1 ? "ab" : "mu") : "none";
  const params = bgnbdParams(model);
  const phi: number[] = [];
  if (rate) phi.push(Math.log(params.r), Math.log(params.alpha));
  else phi.push(Math.log(model.m));
  if (dropOut === "ab") phi.push(Math.log(params.a), Math.log(params.b));
  if (dropOut === "mu") phi.push(Math.log(model.mu / (1 - model.mu)));
  // ψ ↦ v = (ln m, ρ, μ, φ), and −∂ln L/∂ψ = −Jᵀ ∂ln L/∂v with J = ∂v/∂ψ.
  const dv = [0, 0, 0, 0];
  const gradient = (x: readonly number[]): number[] => {
    const v = [0, 0, 0, model.phi];
    let i = 0;
    if (rate) {
      v[0] = x[0] - x[1];
      v[1] = Math.exp(-x[0]);
      i = 2;
    } else {
      v[0] = x[0];
      i = 1;
    }
    let a = 0;
    let b = 0;
    if (dropOut === "ab") {
      a = Math.exp(x[i]);
      b = Math.exp(x[i + 1]);
      v[2] = a / (a + b);
      v[3] = 1 / (a + b + 1);
    } else if (dropOut === "mu") {
      v[2] = 1 / (1 + Math.exp(-x[i]));
    }
    likelihood.evaluate(v, dv);
    const g: number[] = [];
    if (rate) g.push(-(dv[0] - v[1] * dv[1]), dv[0]);
    else g.push(-dv[0]);
    const spread = v[2] * (1 - v[2]);
    if (dropOut === "ab") {
      const phi2 = v[3] * v[3];
      g.push(-(spread * dv[2] - a * phi2 * dv[3]), -(-spread * dv[2] - b * phi2 * dv[3]));
    } else if (dropOut === "mu") g.push(-spread * dv[2]);
    return g;
  };
  const se = standardErrorsFromHessian(hessianFromGradient(gradient, phi, 1e-5));
  if (!se) return { standardErrors: none, note: SINGULAR };
  const out: StandardErrors<keyof BgnbdParams> = { ...none };
  let i = 0;
  if (rate) {
    out.r = params.r * se[i++];
    out.alpha = params.alpha * se[i++];
  } else i++;
  if (dropOut === "ab") {
    out.a = params.a * se[i++];
    out.b = params.b * se[i++];
  }
  const missing = (Object.keys(out) as (keyof BgnbdParams)[]).filter((k) => out[k] === null);
  const note =
    missing.length === 0
      ? null
      : `no standard errors for ${missing.join(", ")}: ${missing.length === 1 ? "it sits" : "they sit"} at a limit, where the log-likelihood is flat in ${missing.length === 1 ? "it" : "them"}`;
  return { standardErrors: out, note };
}

// Gamma-Gamma: u = (ln p, s_ω, ln M) with ω = 1/q = s_ω² and M = p·θ, the mean spend per
// purchase at ω = 0, in units of the geometric mean of zbar. Both ridges of the likelihood
// (q → ∞ at fixed θ, p → ∞ at fixed pγ) run along one coordinate.
const LN_P_MIN = -20;
const LN_P_MAX = 16; // p ≤ 8.9e6
const MAX_S_OMEGA = 1e3; // q ≥ 1e-6
const LN_M_SPEND = 40;

/**
 * Fits Gamma-Gamma by maximum likelihood to repeat buyers (x ≥ 1, zbar > 0), in coordinates
 * where the limit q, γ → ∞ (every customer with the same mean spend) is an ordinary point and
 * amounts divided by their geometric mean (any currency unit gives the same p and q). An
 * estimate within 0.005 log-likelihood units of that limit is reported at it; p running to the
 * bound of the search (each customer spends the same on every purchase) is reported as such.
 * Throws RangeError when fewer than two distinct mean amounts leave nothing to fit.
 */
export function fitGammaGamma(customers: readonly GammaGammaCustomer[]): GammaGammaFit {
  const buyers = customers.filter((c) => c.x >= 1 && c.zbar > 0 && Number.isFinite(c.zbar));
  if (new Set(buyers.map((c) => c.zbar)).size < 2) {
    throw new RangeError("fitGammaGamma requires repeat buyers with at least two distinct zbar");
  }
  const likelihood = new GammaGammaLikelihood(buyers);
  const n = likelihood.customers;
  const v = [0, 0, 0];
  const dv = [0, 0, 0];
  const objective = (u: readonly number[], gradient: number[]) => {
    if (
      !(u[0] >= LN_P_MIN && u[0] <= LN_P_MAX) ||
      !(Math.abs(u[1]) <= MAX_S_OMEGA) ||
      !(Math.abs(u[2]) <= LN_M_SPEND)
    ) {
      return Number.POSITIVE_INFINITY;
    }
    v[0] = u[0];
    v[1] = u[1] * u[1];
    v[2] = u[2] - u[0];
    const ll = likelihood.evaluate(v, dv);
    gradient[0] = -(dv[0] - dv[2]) / n;
    gradient[1] = (-2 * u[1] * dv[1]) / n;
    gradient[2] = -dv[2] / n;
    return -ll / n;
  };
  let evaluations = 0;
  const run = (base: readonly number[], free: readonly number[]) => {
    const trial = minimiseOver(objective, base, free);
    evaluations += trial.evaluations;
    return trial;
  };
  // Starts as (p, q, γ) with amounts in units of their geometric mean.
  const starts = [
    [1, 1, 1],
    [2, 3, 1],
    [10, 5, 0.4],
  ].map(([p, q, gamma]) => [Math.log(p), Math.sqrt(1 / q), Math.log((p * gamma) / q)]);
  const full = starts.map((start) => run(start, [0, 1, 2])).reduce(better);
  const logLik = (t: Trial) => -t.value * n;
  let best = full;
  let sameMean = false;
  if (full.u[1] * full.u[1] < NEAR_LIMIT) {
    const limit = run([full.u[0], 0, full.u[2]], [0, 2]);
    if (logLik(full) - logLik(limit) <= LIMIT_TOLERANCE + 1e-12 * Math.abs(logLik(full))) {
      best = limit;
      sameMean = true;
    }
  }
  const omega = sameMean ? 0 : best.u[1] * best.u[1];
  const p = Math.exp(best.u[0]);
  const model: GammaGammaModel = { p, omega, theta: (Math.exp(best.u[2]) / p) * likelihood.scale };
  const limits: Limit[] = [];
  if (sameMean) {
    limits.push({
      parameters: "q, γ → ∞",
      meaning: `every customer has the same mean spend per purchase, ${sig(p * model.theta)}`,
    });
  } else if (Math.abs(best.u[1]) >= 0.999 * MAX_S_OMEGA) {
    limits.push({
      parameters: "q → 0",
      meaning: "customers' mean spends are as uneven as the search allows",
    });
  }
  if (best.u[0] >= LN_P_MAX - 0.01 * (LN_P_MAX - LN_P_MIN)) {
    limits.push({
      parameters: "p → ∞",
      meaning: "each customer spends nearly the same amount on every purchase",
    });
  } else if (best.u[0] <= LN_P_MIN + 0.01 * (LN_P_MAX - LN_P_MIN)) {
    limits.push({
      parameters: "p → 0",
      meaning: "purchase amounts vary without bound within a customer",
    });
  }
  if (Math.abs(best.u[2]) >= 0.999 * LN_M_SPEND) {
    limits.push({
      parameters: "pγ/q at a bound",
      meaning: "the mean spend runs to the bound of the search",
    });
  }
  const params = gammaGammaParams(model);
  // Standard errors in ln p, ln q, ln γ (ln p, ln θ at q → ∞), amounts in their scaled units.
  const scaledTheta = model.theta / likelihood.scale;
  const phi = sameMean
    ? [Math.log(p), Math.log(scaledTheta)]
    : [Math.log(p), Math.log(1 / omega), Math.log(scaledTheta / omega)];
  const toV = (x: readonly number[]) =>
    sameMean ? [x[0], 0, x[1]] : [x[0], Math.exp(-x[1]), x[2] - x[1]];
  const interior = limits.length === 0 || (sameMean && limits.length === 1);
  const se = interior
    ? standardErrorsFromHessian(
        hessianFromGradient(
          (x) => {
            const g = [0, 0, 0];
            likelihood.evaluate(toV(x), g);
            // v = (ln p, ω = e^−ψ₁, ln θ = ψ₂ − ψ₁), or (ψ₀, 0, ψ₁) at ω = 0.
            if (sameMean) return [-g[0], -g[2]];
            return [-g[0], -(-Math.exp(-x[1]) * g[1] - g[2]), -g[2]];
          },
          phi,
          1e-5,
        ),
      )
    : null;
  const standardErrors: StandardErrors<keyof GammaGammaParams> = { p: null, q: null, gamma: null };
  let standardErrorNote: string | null = null;
  if (se) {
    standardErrors.p = p * se[0];
    if (!sameMean) {
      standardErrors.q = params.q * se[1];
      standardErrors.gamma = params.gamma * se[2];
    } else {
      standardErrorNote =
        "no standard errors for q and γ: they sit at a limit, where the log-likelihood is flat in them";
    }
  } else {
    standardErrorNote = interior ? SINGULAR : AT_BOUND;
  }
  return {
    params,
    model,
    standardErrors,
    standardErrorNote,
    boundary: limits.length > 0 ? { limits, message: limitMessage(limits) } : null,
    logLik: likelihood.evaluate([Math.log(p), omega, Math.log(scaledTheta)], undefined, true),
    customers: n,
    distinctRecords: likelihood.pairs,
    evaluations,
  };
}
