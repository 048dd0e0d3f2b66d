import { lnBeta, lnGamma } from "./gamma-function.ts";
import { hyp2f1 } from "./hyp2f1.ts";

/**
 * The BG/NBD model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way"): while
 * active a customer buys at rate λ ~ Gamma(r, α); after each purchase she drops out with
 * probability p ~ Beta(a, b). Time is in whatever unit the data use (weeks for CDNOW).
 */
export type BgnbdParams = { r: number; alpha: number; a: number; b: number };

/** A customer's calibration record: x repeat purchases, the last at tx, observed for T since the first. */
export type BgnbdCustomer = { x: number; tx: number; T: number };

/** ln L(r, α, a, b | x, tx, T) for one customer (FHL 2005, eq. 6, in logs). */
export function bgnbdCustomerLogLikelihood(params: BgnbdParams, customer: BgnbdCustomer): number {
  const { r, alpha, a, b } = params;
  const { x, tx, T } = customer;
  const common =
    lnGamma(r + x) -
    lnGamma(r) +
    r * Math.log(alpha) +
    lnGamma(a + b) +
    lnGamma(b + x) -
    lnGamma(b) -
    lnGamma(a + b + x);
  return common + aliveOrDropped(params, x, tx, T);
}

/**
 * ln[(α + T)^−(r+x) + δ(x>0) a/(b+x−1) (α + tx)^−(r+x)]: the x-free terms of the likelihood split
 * into "still alive at T" and "dropped out right after the last purchase", summed in logs.
 */
export function aliveOrDropped(params: BgnbdParams, x: number, tx: number, T: number): number {
  const { r, alpha, a, b } = params;
  const alive = -(r + x) * Math.log(alpha + T);
  if (x <= 0) return alive;
  const dropped = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
  const top = Math.max(alive, dropped);
  return top + Math.log(Math.exp(alive - top) + Math.exp(dropped - top));
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
  let sum = 0;
  for (const customer of customers) sum += bgnbdCustomerLogLikelihood(params, customer);
  return sum;
}

/**
 * E[X(t)], the expected number of repeat purchases in (0, t] of a customer who made her first
 * purchase at 0 (FHL 2005, eq. 7). At a = 1 the formula is 0/0; within 1e-7 of it the mean at a = 1 ± 1e-6
 * is used.
 *
 * @example bgnbdExpectedTransactions({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 78) // ≈ 1.858
 */
export function bgnbdExpectedTransactions(params: BgnbdParams, t: number): number {
  if (t <= 0) return 0;
  const { r, alpha, a, b } = params;
  if (Math.abs(a - 1) < 1e-7) return aroundOne(params, (p) => bgnbdExpectedTransactions(p, t));
  const z = t / (alpha + t);
  const f = hyp2f1(r, b, a + b - 1, z);
  return ((a + b - 1) / (a - 1)) * (1 - (alpha / (alpha + t)) ** r * f);
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
  if (t <= 0) return 0;
  const { r, alpha, a, b } = params;
  if (Math.abs(a - 1) < 1e-7) {
    return aroundOne(params, (p) => bgnbdConditionalExpected(p, customer, t));
  }
  const { x, T } = customer;
  const z = t / (alpha + T + t);
  const f = hyp2f1(r + x, b + x, a + b + x - 1, z);
  const ratio = ((alpha + T) / (alpha + T + t)) ** (r + x);
  const numerator = ((a + b + x - 1) / (a - 1)) * (1 - ratio * f);
  return numerator * bgnbdPAlive(params, customer);
}

/** P(alive at T | x, tx, T) = 1 / (1 + δ(x>0) a/(b+x−1) ((α+T)/(α+tx))^(r+x)) (FHL 2005, eq. 11 note). */
export function bgnbdPAlive(params: BgnbdParams, customer: BgnbdCustomer): number {
  const { r, alpha, a, b } = params;
  const { x, tx, T } = customer;
  if (x <= 0) return 1;
  const logOdds =
    Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + T) - Math.log(alpha + tx));
  return 1 / (1 + Math.exp(logOdds));
}

/**
 * P(X(t) = x) for a new customer, x = 0, 1, … (FHL 2005, eq. 8).
 *
 * @example bgnbdProbability({ r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }, 0, 38) // ≈ 0.6
 */
export function bgnbdProbability(params: BgnbdParams, x: number, t: number): number {
  const { r, alpha, a, b } = params;
  const lnBab = lnBeta(a, b);
  const lnShare = Math.log(alpha / (alpha + t));
  const lnRate = t > 0 ? Math.log(t / (alpha + t)) : Number.NEGATIVE_INFINITY;
  const nbd = (k: number) =>
    k === 0 ? r * lnShare : lnGamma(r + k) - lnGamma(r) - lnGamma(k + 1) + r * lnShare + k * lnRate;
  let p = Math.exp(lnBeta(a, b + x) - lnBab + nbd(x));
  if (x > 0) {
    let cumulative = 0;
    for (let j = 0; j < x; j++) cumulative += Math.exp(nbd(j));
    p += Math.exp(lnBeta(a + 1, b + x - 1) - lnBab) * (1 - cumulative);
  }
  return p;
}

function aroundOne(params: BgnbdParams, f: (p: BgnbdParams) => number): number {
  return (f({ ...params, a: 1 - 1e-6 }) + f({ ...params, a: 1 + 1e-6 })) / 2;
}
