import { InputError } from "../errors.ts";
import { formatDay } from "./dates.ts";
import type { TransactionLog } from "./log-reader.ts";

/** The time unit of x, tx and T (and so of α): CDNOW's published fit is in weeks. */
export type Unit = "day" | "week";
export const UNIT_DAYS: Record<Unit, number> = { day: 1, week: 7 };

/** One customer's record for the models: calibration counts plus what happened after. */
export type CustomerSummary = {
  id: string;
  /** Repeat purchase days in the calibration period. */
  x: number;
  /** Time of the last calibration purchase, and the end of calibration, since the first. */
  tx: number;
  T: number;
  /** Mean amount of the calibration repeat purchases; 0 when x = 0. */
  zbar: number;
  firstDay: number;
  /** Purchase days after the calibration end. */
  holdoutX: number;
};

export type CalibrationSummary = {
  file: string;
  unit: Unit;
  unitDays: number;
  calibrationEnd: number;
  /** The last purchase day of the log; the holdout is (calibrationEnd, lastDay], empty when the end is on or after it. */
  lastDay: number;
  /** Customers whose first purchase is on or before the calibration end: those the models see. */
  customers: CustomerSummary[];
  /** Customers first seen after the calibration end, left out. */
  customersAfterEnd: number;
  repeatTransactions: number;
  holdoutTransactions: number;
  /** Earliest first purchase of the customers kept, and their repeat purchases per day from it. */
  startDay: number;
  repeatsByDay: Int32Array;
  /**
   * Join days the log spans: last − first first-purchase day of any customer, + 1, since the
   * engine draws join days 0 … windowDays − 1 (CDNOW: 1997-01-01 … 03-25 is 84 days).
   */
  acquisitionWindowDays: number;
};

/** How far after the last purchase an observation period may end (ten years). */
export const MAX_DAYS_AFTER_LAST = 3650;

/**
 * Per-customer x, tx, T, zbar as the BG/NBD and Gamma-Gamma papers define them: same-day
 * purchases are already merged; the calibration period runs through `calibrationEnd` inclusive
 * (default: the log's last day); times are (day − first day) / 7 for weeks. A calibration end
 * after the last purchase is the end of observation (lifetimes' `observation_period_end`): every
 * customer is observed to it and there is no holdout.
 * Throws InputError when fewer than two customers start on or before the calibration end, or the
 * end is more than ten years after the last purchase.
 */
export function summarise(
  log: TransactionLog,
  options: { calibrationEnd?: number; unit: Unit },
): CalibrationSummary {
  const { unit } = options;
  const unitDays = UNIT_DAYS[unit];
  const { purchases, file } = log;
  const end = options.calibrationEnd ?? log.lastDay;
  if (end > log.lastDay + MAX_DAYS_AFTER_LAST) {
    throw new InputError(
      `--calibration-end ${formatDay(end)} is ${end - log.lastDay} days after the last purchase in ${file} (${formatDay(log.lastDay)}); an observation period may end at most ${MAX_DAYS_AFTER_LAST} days after it`,
    );
  }
  if (purchases.customers < 2) {
    throw new InputError(
      `${file} has only one customer; the models need a log of many customers' purchases`,
    );
  }
  const customers: CustomerSummary[] = [];
  let customersAfterEnd = 0;
  let minFirst = Number.POSITIVE_INFINITY;
  let maxFirst = Number.NEGATIVE_INFINITY;
  let startDay = Number.POSITIVE_INFINITY;
  for (let c = 0; c < purchases.customers; c++) {
    const first = purchases.firstDay(c);
    minFirst = Math.min(minFirst, first);
    maxFirst = Math.max(maxFirst, first);
    if (first > end) customersAfterEnd++;
    else startDay = Math.min(startDay, first);
  }
  if (customersAfterEnd >= purchases.customers - 1) {
    const kept = purchases.customers - customersAfterEnd;
    throw new InputError(
      `${file}: ${kept === 0 ? "no customer" : "only one customer"} made a first purchase on or before the calibration end ${formatDay(end)}; pass a later --calibration-end`,
    );
  }
  const repeatsByDay = new Int32Array(log.lastDay - startDay + 1);
  let repeatTransactions = 0;
  let holdoutTransactions = 0;
  for (let c = 0; c < purchases.customers; c++) {
    const firstDay = purchases.firstDay(c);
    if (firstDay > end) continue;
    let days = 0;
    let lastCalibrationDay = firstDay;
    let repeatAmount = 0;
    let holdoutX = 0;
    for (let node = purchases.first(c); node !== -1; node = purchases.next(node)) {
      const day = purchases.dayOf(node);
      if (day > firstDay) repeatsByDay[day - startDay]++;
      if (day > end) holdoutX++;
      else {
        days++;
        lastCalibrationDay = day;
        if (day > firstDay) repeatAmount += purchases.amountOf(node);
      }
    }
    const x = days - 1;
    customers.push({
      id: purchases.ids[c],
      x,
      tx: (lastCalibrationDay - firstDay) / unitDays,
      T: (end - firstDay) / unitDays,
      zbar: x > 0 ? repeatAmount / x : 0,
      firstDay,
      holdoutX,
    });
    repeatTransactions += x;
    holdoutTransactions += holdoutX;
  }
  return {
    file,
    unit,
    unitDays,
    calibrationEnd: end,
    lastDay: log.lastDay,
    customers,
    customersAfterEnd,
    repeatTransactions,
    holdoutTransactions,
    startDay,
    repeatsByDay,
    acquisitionWindowDays: maxFirst - minFirst + 1,
  };
}
