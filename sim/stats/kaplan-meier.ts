import { InputError, show } from "../errors.ts";
import { normalQuantile } from "./normal-quantile.ts";
import { requireOpenUnit, requireSample } from "./validate.ts";

const WHAT = "Kaplan-Meier";

export type KaplanMeierCurve = {
  /** The distinct times at which at least one member churned, ascending. */
  time: number[];
  /** S(t) just after each time. */
  survival: number[];
  /** Members still at risk (not churned, not censored before) at each time. */
  atRisk: number[];
  /** Churn events at each time. */
  events: number[];
  /** Greenwood standard error of S(t). */
  standardError: number[];
  /** Pointwise interval at 1 − alpha on the log scale (R's default conf.type = "log"). */
  ciLow: number[];
  ciHigh: number[];
};

/** Validates time/event arrays of equal length; events must be 0 (censored) or 1 (churned). */
export function checkSurvivalData(
  what: string,
  time: ArrayLike<number>,
  event: ArrayLike<number>,
): void {
  requireSample(what, "time", time);
  requireSample(what, "event", event);
  if (time.length !== event.length) {
    throw new InputError(
      `${what} requires time and event of equal length, got ${time.length} and ${event.length}`,
    );
  }
  for (let i = 0; i < time.length; i++) {
    if (time[i] < 0)
      throw new InputError(`${what} requires times >= 0, got ${show(time[i])} at [${i}]`);
    if (event[i] !== 0 && event[i] !== 1) {
      throw new InputError(`${what} requires events of 0 or 1, got ${show(event[i])} at [${i}]`);
    }
  }
}

/** Indices of the members in ascending time order. */
export function orderByTime(time: ArrayLike<number>): Uint32Array {
  const order = new Uint32Array(time.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((i, j) => time[i] - time[j]);
}

/**
 * The Kaplan–Meier estimate of the survival (retention) curve from times to churn or censoring,
 * with Greenwood's variance and a log-scale interval: S·exp(±z·√Σ d/(n(n−d))), capped at 1
 * (as R's survfit). Once S reaches 0 its interval is [0, 0]. Members censored at an event time
 * count as at risk at that time. Throws InputError for empty or unequal arrays, negative times,
 * or events other than 0/1.
 * @example kaplanMeier({ time: [1, 2, 2, 3], event: [1, 1, 0, 1] }).survival // [0.75, 0.5, 0]
 */
export function kaplanMeier(options: {
  time: ArrayLike<number>;
  event: ArrayLike<number>;
  alpha?: number;
}): KaplanMeierCurve {
  const { time, event, alpha = 0.05 } = options;
  checkSurvivalData(WHAT, time, event);
  requireOpenUnit(WHAT, "alpha", alpha);
  const z = -normalQuantile(alpha / 2);
  const order = orderByTime(time);
  const curve: KaplanMeierCurve = {
    time: [],
    survival: [],
    atRisk: [],
    events: [],
    standardError: [],
    ciLow: [],
    ciHigh: [],
  };
  let atRisk = order.length;
  let survival = 1;
  let greenwood = 0;
  for (let k = 0; k < order.length; ) {
    const t = time[order[k]];
    let deaths = 0;
    let leaving = 0;
    while (k < order.length && time[order[k]] === t) {
      deaths += event[order[k]];
      leaving++;
      k++;
    }
    if (deaths > 0) {
      survival *= 1 - deaths / atRisk;
      const zero = deaths === atRisk;
      if (!zero) greenwood += deaths / (atRisk * (atRisk - deaths));
      const spread = z * Math.sqrt(greenwood);
      curve.time.push(t);
      curve.survival.push(zero ? 0 : survival);
      curve.atRisk.push(atRisk);
      curve.events.push(deaths);
      curve.standardError.push(zero ? 0 : survival * Math.sqrt(greenwood));
      curve.ciLow.push(zero ? 0 : survival * Math.exp(-spread));
      curve.ciHigh.push(zero ? 0 : Math.min(1, survival * Math.exp(spread)));
      if (zero) survival = 0;
    }
    atRisk -= leaving;
  }
  return curve;
}
