import {
  type BgnbdModel,
  bgnbdModelAliveExpected,
  bgnbdModelExpected,
  bgnbdModelPAlive,
  bgnbdModelProbability,
} from "./bgnbd.ts";
import { formatDay } from "./dates.ts";
import type { CalibrationSummary, Unit } from "./summarise.ts";

/** Repeat purchases in one period (a week or a day from the first customer's first purchase). */
export type PeriodRow = {
  period: number;
  start: string;
  end: string;
  /** True when the period ends on or before the calibration end. */
  calibration: boolean;
  actual: number;
  predicted: number;
  cumulativeActual: number;
  cumulativePredicted: number;
};

/** How many customers made x repeat purchases in calibration ("7+" pools the tail). */
export type FrequencyRow = { x: string; actual: number; predicted: number };

export type HoldoutRow = {
  x: string;
  customers: number;
  actualMean: number;
  predictedMean: number;
};

export type Diagnostics = {
  periodUnit: Unit;
  periods: PeriodRow[];
  frequency: FrequencyRow[];
  /** After the calibration end: total repeat purchases and by calibration frequency; null when none. */
  holdout: null | {
    length: number;
    actual: number;
    predicted: number;
    byFrequency: HoldoutRow[];
  };
};

const TOP = 7;
const label = (x: number) => (x >= TOP ? `${TOP}+` : String(x));

/**
 * Fit diagnostics as in Fader, Hardie & Lee (2005), figures 1–4: predicted vs actual repeat
 * purchases per period, the calibration frequency histogram, and the holdout expectations. The
 * periods run to the later of the last purchase and the calibration end; without a holdout
 * (calibration ending on or after the last purchase) `holdout` is null.
 */
export function diagnose(summary: CalibrationSummary, params: BgnbdModel): Diagnostics {
  return {
    periodUnit: summary.unit,
    periods: tracking(summary, params),
    frequency: frequency(summary, params),
    holdout: holdout(summary, params),
  };
}

// Cumulative predicted purchases at the end of day d = Σ over first days f ≤ d of
// (customers starting on f) × E[X(d − f)], with E[X] computed once per day offset.
function tracking(summary: CalibrationSummary, params: BgnbdModel): PeriodRow[] {
  const { startDay, lastDay, unitDays, calibrationEnd, repeatsByDay } = summary;
  const days = Math.max(lastDay, calibrationEnd) - startDay + 1;
  const starting = new Float64Array(days);
  for (const c of summary.customers) starting[c.firstDay - startDay]++;
  const expected = new Float64Array(days);
  for (let k = 1; k < days; k++) expected[k] = bgnbdModelExpected(params, k / unitDays);
  const cumulativeAt = (d: number) => {
    let sum = 0;
    for (let f = 0; f <= d; f++) if (starting[f] > 0) sum += starting[f] * expected[d - f];
    return sum;
  };
  const rows: PeriodRow[] = [];
  let cumulativeActual = 0;
  let previousPredicted = 0;
  for (let from = 0, period = 1; from < days; from += unitDays, period++) {
    const to = Math.min(from + unitDays, days) - 1;
    let actual = 0;
    for (let d = from; d <= to && d < repeatsByDay.length; d++) actual += repeatsByDay[d];
    cumulativeActual += actual;
    const cumulativePredicted = cumulativeAt(to);
    rows.push({
      period,
      start: formatDay(startDay + from),
      end: formatDay(startDay + to),
      calibration: startDay + to <= calibrationEnd,
      actual,
      predicted: cumulativePredicted - previousPredicted,
      cumulativeActual,
      cumulativePredicted,
    });
    previousPredicted = cumulativePredicted;
  }
  return rows;
}

function frequency(summary: CalibrationSummary, params: BgnbdModel): FrequencyRow[] {
  const actual = new Array<number>(TOP + 1).fill(0);
  const predicted = new Array<number>(TOP + 1).fill(0);
  const byT = new Map<number, number[]>();
  for (const c of summary.customers) {
    actual[Math.min(c.x, TOP)]++;
    let probabilities = byT.get(c.T);
    if (!probabilities) {
      probabilities = [];
      for (let x = 0; x < TOP; x++) probabilities.push(bgnbdModelProbability(params, x, c.T));
      byT.set(c.T, probabilities);
    }
    let below = 0;
    for (let x = 0; x < TOP; x++) {
      predicted[x] += probabilities[x];
      below += probabilities[x];
    }
    predicted[TOP] += Math.max(0, 1 - below);
  }
  return actual.map((n, x) => ({ x: label(x), actual: n, predicted: predicted[x] }));
}

function holdout(summary: CalibrationSummary, params: BgnbdModel): Diagnostics["holdout"] {
  const days = summary.lastDay - summary.calibrationEnd;
  if (days <= 0) return null;
  const length = days / summary.unitDays;
  // E[Y | alive] depends on (x, T) only; P(alive) is cheap.
  const cache = new Map<string, number>();
  const groups = Array.from({ length: TOP + 1 }, () => ({ customers: 0, actual: 0, predicted: 0 }));
  let actual = 0;
  let predicted = 0;
  for (const c of summary.customers) {
    const key = `${c.x}|${c.T}`;
    let alive = cache.get(key);
    if (alive === undefined) {
      alive = bgnbdModelAliveExpected(params, c.x, c.T, length);
      cache.set(key, alive);
    }
    const expected = alive * bgnbdModelPAlive(params, c);
    const group = groups[Math.min(c.x, TOP)];
    group.customers++;
    group.actual += c.holdoutX;
    group.predicted += expected;
    actual += c.holdoutX;
    predicted += expected;
  }
  const byFrequency = groups.map((g, x) => ({
    x: label(x),
    customers: g.customers,
    actualMean: g.customers > 0 ? g.actual / g.customers : 0,
    predictedMean: g.customers > 0 ? g.predicted / g.customers : 0,
  }));
  return { length, actual, predicted, byFrequency };
}
