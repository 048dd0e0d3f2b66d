import { lnGamma } from "./gamma-function.ts";

/**
 * The Gamma-Gamma model of spend (Fader & Hardie 2013): a customer's transaction values are
 * Gamma(p, ν) around her mean p/ν, with ν ~ Gamma(q, γ) across customers.
 */
export type GammaGammaParams = { p: number; q: number; gamma: number };

/** A repeat buyer: x ≥ 1 repeat purchases with mean value zbar > 0. */
export type GammaGammaCustomer = { x: number; zbar: number };

/**
 * ln f(zbar | p, q, γ, x) = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln zbar + px ln x
 * − (px+q) ln(γ + x·zbar): the density of the mean, including the p·x·ln x term.
 */
export function gammaGammaCustomerLogLikelihood(
  params: GammaGammaParams,
  customer: GammaGammaCustomer,
): number {
  const { p, q, gamma } = params;
  const { x, zbar } = customer;
  const px = p * x;
  return (
    lnGamma(px + q) -
    lnGamma(px) -
    lnGamma(q) +
    q * Math.log(gamma) +
    (px - 1) * Math.log(zbar) +
    px * Math.log(x) -
    (px + q) * Math.log(gamma + x * zbar)
  );
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
  let sum = 0;
  for (const customer of customers) sum += gammaGammaCustomerLogLikelihood(params, customer);
  return sum;
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
