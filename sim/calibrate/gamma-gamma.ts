import { logGamma, logGammaDifferenceExcess } from "../stats/log-gamma.ts";
import { log1pOver } from "./bgnbd.ts";

/**
 * The Gamma-Gamma model of spend (Fader & Hardie 2013): a customer's transaction values are
 * Gamma(p, ν) around her mean p/ν, with ν ~ Gamma(q, γ) across customers.
 *
 * When every customer has the same mean the fit runs to q, γ → ∞ with γ/q fixed; `GammaGammaParams`
 * then holds Infinity and `GammaGammaModel` the finite limit.
 */
export type GammaGammaParams = { p: number; q: number; gamma: number };

/**
 * The same model in coordinates that hold the limit q → ∞: `p`; `omega` = 1/q (0: every customer
 * has the same ν); `theta` = γ/q (the mean spend per purchase is p·θ·q/(q − 1), p·θ at ω = 0).
 */
export type GammaGammaModel = { p: number; omega: number; theta: number };

/** A repeat buyer: x ≥ 1 repeat purchases with mean value zbar > 0. */
export type GammaGammaCustomer = { x: number; zbar: number };

export function gammaGammaModel(params: GammaGammaParams): GammaGammaModel {
  return { p: params.p, omega: 1 / params.q, theta: params.gamma / params.q };
}

export function gammaGammaParams(model: GammaGammaModel): GammaGammaParams {
  if (model.omega === 0) {
    return { p: model.p, q: Number.POSITIVE_INFINITY, gamma: Number.POSITIVE_INFINITY };
  }
  const q = 1 / model.omega;
  return { p: model.p, q, gamma: q * model.theta };
}

/**
 * ln f(zbar | p, q, γ, x) in model coordinates. With q = 1/ω and γ = qθ, the density
 * ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln zbar + px ln x − (px+q) ln(γ + x·zbar)
 * becomes E(q, px) − ln Γ(px) − px ln θ + (px−1) ln zbar + px ln x − (px + q) ln(1 + ωv) with
 * v = x·zbar/θ and E(q, d) = ln Γ(q+d) − ln Γ(q) − d ln q, which vanishes as q → ∞: nothing
 * of size ln Γ(q) is subtracted, and at ω = 0 it is the Gamma(px, x/θ) density of zbar. When
 * p·x exceeds q the terms are grouped the other way round (below), for the limit p → ∞.
 */
export function gammaGammaModelLogLikelihood(
  model: GammaGammaModel,
  customer: GammaGammaCustomer,
): number {
  const { p, omega, theta } = model;
  const { x, zbar } = customer;
  const px = p * x;
  if (omega > 0 && px > 1 / omega) {
    // p·x the larger: ln Γ(px+q) − ln Γ(px) = q ln(px) + E(px, q), and the rest regrouped as
    // −ln Γ(q) + q ln(pγ/zbar) − ln zbar − (px + q) ln(1 + γ/(x·zbar)), nothing of size px ln px
    // left to cancel (each customer spending the same every time is p → ∞).
    const q = 1 / omega;
    const gamma = theta / omega;
    return (
      logGammaDifferenceExcess(px, q) -
      logGamma(q) +
      q * Math.log((p * gamma) / zbar) -
      Math.log(zbar) -
      (px + q) * Math.log1p(gamma / (x * zbar))
    );
  }
  const v = (x * zbar) / theta;
  const excess = omega === 0 ? 0 : logGammaDifferenceExcess(1 / omega, px);
  return (
    excess -
    logGamma(px) -
    px * Math.log(theta) +
    (px - 1) * Math.log(zbar) +
    px * Math.log(x) -
    v * log1pOver(omega * v) -
    px * Math.log1p(omega * v)
  );
}

/**
 * ln f(zbar | p, q, γ, x) = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln zbar + px ln x
 * − (px+q) ln(γ + x·zbar): the density of the mean, including the p·x·ln x term.
 */
export function gammaGammaCustomerLogLikelihood(
  params: GammaGammaParams,
  customer: GammaGammaCustomer,
): number {
  return gammaGammaModelLogLikelihood(gammaGammaModel(params), customer);
}

/**
 * Σ ln f over repeat buyers: the Gamma-Gamma log-likelihood.
 *
 * @example gammaGammaLogLikelihood({ p: 6.25, q: 3.74, gamma: 15.44 }, [{ x: 2, zbar: 22.35 }])
 */
export function gammaGammaLogLikelihood(
  params: GammaGammaParams,
  customers: readonly GammaGammaCustomer[],
): number {
  const model = gammaGammaModel(params);
  let sum = 0;
  for (const customer of customers) sum += gammaGammaModelLogLikelihood(model, customer);
  return sum;
}

/**
 * E[M | x, zbar] in model coordinates: p(θ + ω·x·zbar) / (1 + ω(px − 1)), the population mean
 * p·θ at ω = 0. Requires px + q > 1.
 */
export function gammaGammaModelMeanSpend(model: GammaGammaModel, customer: GammaGammaCustomer) {
  const { p, omega, theta } = model;
  const { x, zbar } = customer;
  return (p * (theta + omega * x * zbar)) / (1 + omega * (p * x - 1));
}

/**
 * E[M | p, q, γ, x, zbar] = (γ + x·zbar) p / (px + q − 1): the expected value of a customer's
 * future transactions, her observed mean shrunk toward the population mean pγ/(q−1). With x = 0
 * it is the population mean. Requires px + q > 1.
 *
 * @example gammaGammaConditionalMeanSpend({ p: 6.25, q: 3.74, gamma: 15.44 }, { x: 2, zbar: 22.35 })
 */
export function gammaGammaConditionalMeanSpend(
  params: GammaGammaParams,
  customer: GammaGammaCustomer,
): number {
  const { p, q, gamma } = params;
  const { x, zbar } = customer;
  return ((gamma + x * zbar) * p) / (p * x + q - 1);
}
