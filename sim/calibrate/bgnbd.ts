import { logGamma, logGammaDifferenceExcess } from "../stats/log-gamma.ts";
import { hyp2f1 } from "./hyp2f1.ts";

/**
 * The BG/NBD model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way"): while
 * active a customer buys at rate λ ~ Gamma(r, α); after each purchase she drops out with
 * probability p ~ Beta(a, b). Time is in whatever unit the data use (weeks for CDNOW).
 *
 * At the edges of what a log can show some of these run to 0 or ∞ (b → ∞ when nobody seems to
 * leave); `BgnbdParams` then holds 0 or Infinity and `BgnbdModel` the finite limit.
 */
export type BgnbdParams = { r: number; alpha: number; a: number; b: number };

/**
 * The same model in coordinates that hold its limits as ordinary values:
 * - `m` = r/α, the mean purchase rate while active, per unit of time;
 * - `rho` = 1/r, the squared coefficient of variation of the rate across customers (0: everyone
 *   buys at rate m, the Poisson limit r, α → ∞);
 * - `mu` = a/(a + b), the mean drop-out probability after a purchase (0: nobody leaves, the NBD
 *   limit);
 * - `phi` = 1/(a + b + 1), the polarisation index of drop-out (Sabavala & Morrison 1977): the
 *   variance of p is μ(1 − μ)φ. 0: everyone has `mu`, the limit a, b → ∞ with a/(a + b) fixed;
 *   1: each customer's p is 0 or 1, the limit a + b → 0. Unused when `mu` is 0.
 */
export type BgnbdModel = { m: number; rho: number; mu: number; phi: number };

/** A customer's calibration record: x repeat purchases, the last at tx, observed for T since the first. */
export type BgnbdCustomer = { x: number; tx: number; T: number };

/** The model coordinates of a parameter set (a = 0 or b = ∞ give the NBD limit). */
export function bgnbdModel(params: BgnbdParams): BgnbdModel {
  const { r, alpha, a, b } = params;
  const sum = a + b;
  return { m: r / alpha, rho: 1 / r, mu: a === 0 ? 0 : a / sum, phi: 1 / (sum + 1) };
}

/** The parameters of a model, Infinity (or a = 0) where it sits at a limit. */
export function bgnbdParams(model: BgnbdModel): BgnbdParams {
  const { m, rho, mu, phi } = model;
  const r = rho === 0 ? Number.POSITIVE_INFINITY : 1 / rho;
  const alpha = rho === 0 ? Number.POSITIVE_INFINITY : 1 / (rho * m);
  if (mu === 0) return { r, alpha, a: 0, b: Number.POSITIVE_INFINITY };
  if (phi === 0) return { r, alpha, a: Number.POSITIVE_INFINITY, b: Number.POSITIVE_INFINITY };
  const sum = (1 - phi) / phi;
  return { r, alpha, a: mu * sum, b: (1 - mu) * sum };
}

/**
 * P(drop out at the (j+1)-th chance | survived j): E[p(1 − p)^j] / E[(1 − p)^j] = a/(a + b + j),
 * which is μ at j = 0 and μ(1 − φ)/(1 + (j − 1)φ) after.
 */
export function dropAfter(model: BgnbdModel, j: number): number {
  return j === 0 ? model.mu : (model.mu * (1 - model.phi)) / (1 + (j - 1) * model.phi);
}

/** log1p(y)/y, 1 at y = 0. */
export function log1pOver(y: number): number {
  return y === 0 ? 1 : Math.log1p(y) / y;
}

/**
 * (r + x)·ln(1 + t/α) in model coordinates: m t·log1p(y)/y + x·log1p(y) with y = ρ m t, finite and
 * exact at ρ = 0 (where it is m t).
 */
function rateDecay(model: BgnbdModel, x: number, t: number): number {
  const mt = model.m * t;
  const y = model.rho * mt;
  return mt * log1pOver(y) + x * Math.log1p(y);
}

/** ln E[(1 − p)^x] = ln B(a, b + x)/B(a, b) = Σ_{j<x} ln(1 − a/(a + b + j)). */
function logSurvivesDrops(model: BgnbdModel, x: number): number {
  let sum = 0;
  for (let j = 0; j < x; j++) sum += Math.log1p(-dropAfter(model, j));
  return sum;
}

/** ln[Γ(r+x)/Γ(r) · α^r / α^x... ] part that depends on x only: x ln m + Σ_{j<x} ln(1 + jρ). */
function logRateTerms(model: BgnbdModel, x: number): number {
  let sum = x * Math.log(model.m);
  for (let j = 1; j < x; j++) sum += Math.log1p(j * model.rho);
  return sum;
}

/**
 * ln of a/(b + x − 1), the weight of "dropped out right after the last purchase", for x ≥ 1:
 * ln μ − ln(1 − μ) at x = 1, ln μ + ln(1 − φ) − ln((1 − μ)(1 − φ) + (x − 1)φ) after; −∞ at
 * μ = 0, and at φ = 1 for x ≥ 2.
 */
function logDropWeight(model: BgnbdModel, x: number): number {
  const { mu, phi } = model;
  if (x === 1) return Math.log(mu) - Math.log1p(-mu);
  return Math.log(mu) + Math.log1p(-phi) - Math.log((1 - mu) * (1 - phi) + (x - 1) * phi);
}

/** ln L for one customer in model coordinates (FHL 2005, eq. 6, rearranged to hold the limits). */
export function bgnbdModelLogLikelihood(model: BgnbdModel, customer: BgnbdCustomer): number {
  const { x, tx, T } = customer;
  const common = logRateTerms(model, x) + logSurvivesDrops(model, x);
  const alive = -rateDecay(model, x, T);
  if (x <= 0 || model.mu === 0) return common + alive;
  const dropped = logDropWeight(model, x) - rateDecay(model, x, tx);
  const top = Math.max(alive, dropped);
  return common + top + Math.log(Math.exp(alive - top) + Math.exp(dropped - top));
}

/** ln L(r, α, a, b | x, tx, T) for one customer (FHL 2005, eq. 6, in logs). */
export function bgnbdCustomerLogLikelihood(params: BgnbdParams, customer: BgnbdCustomer): number {
  return bgnbdModelLogLikelihood(bgnbdModel(params), customer);
}

/**
 * Σ ln L over customers: the BG/NBD log-likelihood.
 *
 * @example bgnbdLogLikelihood({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, [{ x: 2, tx: 30.43, T: 38.86 }])
 */
export function bgnbdLogLikelihood(
  params: BgnbdParams,
  customers: readonly BgnbdCustomer[],
): number {
  const model = bgnbdModel(params);
  let sum = 0;
  for (const customer of customers) sum += bgnbdModelLogLikelihood(model, customer);
  return sum;
}

/**
 * E[X(t)] in model coordinates. A customer who never dropped out would make N purchases in
 * (0, t], N negative binomial with mean m t (Poisson at ρ = 0); she makes purchase k + 1 if
 * N > k and she survived the k drop-out chances before it, with probability
 * R_k = E[(1 − p)^k] = Π_{j<k} (1 − a/(a + b + j)). So E[X(t)] = Σ_n P(N = n) Σ_{k<n} R_k: every
 * term positive, no 0/0 at a = 1, no ₂F₁ with parameters in the millions, and exact at every
 * limit (m t when μ = 0).
 *
 * @example bgnbdModelExpected({ m: 0.055, rho: 4.12, mu: 0.246, phi: 0.237 }, 78) // ≈ 1.858
 */
export function bgnbdModelExpected(model: BgnbdModel, t: number): number {
  if (t <= 0) return 0;
  const { rho, mu, phi } = model;
  const mt = model.m * t;
  if (mu === 0) return mt;
  const y = rho * mt;
  // At the drop-out limits the sum has a closed form: the same p = μ for all gives
  // E[(1 − e^(−λμt))/μ] = (1 − (1 + ρμmt)^(−1/ρ))/μ; p ∈ {0, 1} gives (1 − μ) m t + μ P(N > 0).
  if (phi === 0) return -Math.expm1(-mu * mt * log1pOver(rho * mu * mt)) / mu;
  if (phi === 1) return (1 - mu) * mt - mu * Math.expm1(-mt * log1pOver(y));
  // A long negative-binomial tail (t/α in the hundreds of thousands) takes the ₂F₁ form instead.
  if (40 * (1 + y) + mt > 2e6) {
    try {
      return expectedByHypergeometric(model, t);
    } catch {
      // Beyond ₂F₁ too: the sum, stopped at its term limit.
    }
  }
  return negativeBinomialSum(mt, model);
}

/** E[X(t)] by the negative-binomial sum whatever its length, for checks. */
export function bgnbdExpectedBySum(model: BgnbdModel, t: number): number {
  return t <= 0 ? 0 : model.mu === 0 ? model.m * t : negativeBinomialSum(model.m * t, model);
}

/**
 * FHL 2005 eq. 7, ((a+b−1)/(a−1))(1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))). Within 2e-3 of
 * a = 1, where it is 0/0 and the division magnifies rounding, the cubic through a = 1 ± 2e-3 and
 * 1 ± 4e-3 (error of order 1e-11). Throws RangeError where ₂F₁ does.
 */
function expectedByHypergeometric(model: BgnbdModel, t: number): number {
  const { m, rho, mu, phi } = model;
  const sum = (1 - phi) / phi;
  const a = mu * sum;
  const b = (1 - mu) * sum;
  const y = rho * m * t;
  const at = (aa: number) => {
    const f = hyp2f1(1 / rho, b, aa + b - 1, y / (1 + y));
    return ((aa + b - 1) / (aa - 1)) * (1 - Math.exp(-m * t * log1pOver(y)) * f);
  };
  const delta = 2e-3;
  if (Math.abs(a - 1) >= delta) return at(a);
  const nodes = [1 - 2 * delta, 1 - delta, 1 + delta, 1 + 2 * delta];
  const values = nodes.map(at);
  let value = 0;
  for (let i = 0; i < 4; i++) {
    let weight = 1;
    for (let j = 0; j < 4; j++) if (j !== i) weight *= (a - nodes[j]) / (nodes[i] - nodes[j]);
    value += weight * values[i];
  }
  return value;
}

/**
 * E[X(t)], the expected number of repeat purchases in (0, t] of a customer who made her first
 * purchase at 0 (FHL 2005, eq. 7, summed as in `bgnbdModelExpected`).
 *
 * @example bgnbdExpectedTransactions({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 78) // ≈ 1.858
 */
export function bgnbdExpectedTransactions(params: BgnbdParams, t: number): number {
  return bgnbdModelExpected(bgnbdModel(params), t);
}

/** P(alive at T | x, tx, T) in model coordinates. */
export function bgnbdModelPAlive(model: BgnbdModel, customer: BgnbdCustomer): number {
  const { x, tx, T } = customer;
  if (x <= 0 || model.mu === 0) return 1;
  const logOdds = logDropWeight(model, x) + rateDecay(model, x, T) - rateDecay(model, x, tx);
  return 1 / (1 + Math.exp(logOdds));
}

/** P(alive at T | x, tx, T) = 1 / (1 + δ(x>0) a/(b+x−1) ((α+T)/(α+tx))^(r+x)) (FHL 2005, eq. 11 note). */
export function bgnbdPAlive(params: BgnbdParams, customer: BgnbdCustomer): number {
  return bgnbdModelPAlive(bgnbdModel(params), customer);
}

/**
 * E[Y(t) | x, tx, T] in model coordinates: P(alive) times the new-customer expectation under the
 * posterior, λ ~ Gamma(r + x, α + T) and p ~ Beta(a, b + x).
 */
export function bgnbdModelConditional(
  model: BgnbdModel,
  customer: BgnbdCustomer,
  t: number,
): number {
  if (t <= 0) return 0;
  return (
    bgnbdModelAliveExpected(model, customer.x, customer.T, t) * bgnbdModelPAlive(model, customer)
  );
}

/**
 * E[Y(t) | alive at T, x, T]: the new-customer expectation under the posterior λ ~ Gamma(r + x,
 * α + T), p ~ Beta(a, b + x). It does not depend on tx, so a log's holdout needs it once per
 * distinct (x, T).
 */
export function bgnbdModelAliveExpected(
  model: BgnbdModel,
  x: number,
  T: number,
  t: number,
): number {
  const { m, rho, mu, phi } = model;
  // Beta(a, b + x): a/(a + b + x) and 1/(a + b + x + 1).
  const posterior: BgnbdModel = {
    m: ((1 + x * rho) * m) / (1 + rho * m * T),
    rho: rho / (1 + x * rho),
    mu: x === 0 ? mu : (mu * (1 - phi)) / (1 - phi + x * phi),
    phi: phi / (1 + x * phi),
  };
  return bgnbdModelExpected(posterior, t);
}

/**
 * E[Y(t) | x, tx, T], the expected number of purchases in (T, T + t] of a customer with the given
 * calibration record (FHL 2005, eq. 10).
 */
export function bgnbdConditionalExpected(
  params: BgnbdParams,
  customer: BgnbdCustomer,
  t: number,
): number {
  return bgnbdModelConditional(bgnbdModel(params), customer, t);
}

/**
 * ln P(N = n) for N negative binomial with mean m t and 1/shape ρ (Poisson at ρ = 0):
 * ln Γ(r+n) − ln Γ(r) − n ln r − ln n! + n ln(m t) − n ln(1 + y) − m t·log1p(y)/y, y = ρ m t.
 */
function logNegativeBinomial(mt: number, rho: number, n: number): number {
  const y = rho * mt;
  const excess = rho === 0 || n === 0 ? 0 : logGammaDifferenceExcess(1 / rho, n);
  return excess - logGamma(n + 1) + n * (Math.log(mt) - Math.log1p(y)) - mt * log1pOver(y);
}

const MAX_TERMS = 20_000_000;

/**
 * Σ_n P(N = n) q_n with q_n = Σ_{k<n} R_k, R_k = Π_{j<k} (1 − `dropAfter`(j)), N negative
 * binomial with mean mt and 1/shape ρ = model.rho. Summed upward from where the pmf matters (30 standard deviations
 * below the mode) until a bound on all later terms is below 1e-17 of the sum: the pmf ratio
 * s_n = (1 + nρ) mt / ((1 + ρmt)(n + 1)) is monotone in n with limit ρmt/(1 + ρmt), and
 * q_{n+i} ≤ q_n + i R_n, so the rest is at most P(n) [q_n s/(1 − s) + R_n s/(1 − s)²].
 */
function negativeBinomialSum(mt: number, model: BgnbdModel): number {
  const { rho } = model;
  const y = rho * mt;
  const limit = y / (1 + y);
  const variance = mt * (1 + y);
  const mode = rho < 1 ? Math.floor((1 - rho) * mt) : 0;
  // Scale every pmf value by that at the mode so none underflows; start where it is still above
  // e^−700 of the mode (about 30 standard deviations below it, nearer when that underflows).
  const logMode = logNegativeBinomial(mt, rho, mode);
  let start = Math.max(0, Math.floor(mode - 30 * Math.sqrt(variance) - 1));
  while (start < mode && logNegativeBinomial(mt, rho, start) - logMode < -700) {
    start = Math.floor((start + mode) / 2);
  }
  let q = 0;
  let R = 1;
  for (let k = 0; k < start; k++) {
    q += R;
    R *= 1 - dropAfter(model, k);
  }
  let term = Math.exp(logNegativeBinomial(mt, rho, start) - logMode);
  let sum = 0;
  for (let n = start; n < start + MAX_TERMS; n++) {
    sum += term * q;
    const ratio = ((1 + n * rho) * mt) / ((1 + y) * (n + 1));
    q += R;
    R *= 1 - dropAfter(model, n);
    term *= ratio;
    if (n >= mode) {
      const s = rho > 1 ? Math.max(ratio, limit) : ratio;
      if (s < 1) {
        const rest = term * (q + (q * s) / (1 - s) + (R * s) / ((1 - s) * (1 - s)));
        if (rest <= 1e-17 * sum || term === 0) return sum * Math.exp(logMode);
      }
    }
  }
  return sum * Math.exp(logMode);
}

/**
 * P(X(t) = x) for a new customer in model coordinates (FHL 2005, eq. 8):
 * R_x·P(N = x) + δ(x>0)·R_{x−1}·a/(a + b + x − 1)·P(N ≥ x).
 */
export function bgnbdModelProbability(model: BgnbdModel, x: number, t: number): number {
  const { m, rho, mu } = model;
  const mt = m * t;
  if (mt <= 0) return x === 0 ? 1 : 0;
  const pmf = (n: number) => Math.exp(logNegativeBinomial(mt, rho, n));
  const survive = (k: number) => Math.exp(logSurvivesDrops(model, k));
  let p = survive(x) * pmf(x);
  if (x > 0 && mu > 0) {
    let below = 0;
    for (let j = 0; j < x; j++) below += pmf(j);
    p += survive(x - 1) * dropAfter(model, x - 1) * Math.max(0, 1 - below);
  }
  return p;
}

/**
 * P(X(t) = x) for a new customer, x = 0, 1, … (FHL 2005, eq. 8).
 *
 * @example bgnbdProbability({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 0, 38) // ≈ 0.6
 */
export function bgnbdProbability(params: BgnbdParams, x: number, t: number): number {
  return bgnbdModelProbability(bgnbdModel(params), x, t);
}
