import { InputError } from "../errors.ts";
import type { BadRowReport } from "./bad-rows.ts";
import { formatDay } from "./dates.ts";
import { type Diagnostics, diagnose } from "./diagnostics.ts";
import { type BgnbdFit, fitBgnbd, fitGammaGamma, type GammaGammaFit } from "./fit.ts";
import { type ImportOptions, readTransactionText, type TransactionLog } from "./log-reader.ts";
import { type CalibrationSummary, summarise, type Unit } from "./summarise.ts";

export type CalibrateOptions = ImportOptions & {
  /** Day number of the last calibration day (inclusive); default the log's last day. */
  calibrationEnd?: number;
  unit: Unit;
};

/** Everything `retention-lab fit` reports. */
export type Calibration = {
  log: TransactionLog;
  summary: CalibrationSummary;
  bgnbd: BgnbdFit;
  /** Null when the log has no amounts or no repeat buyer with a positive amount. */
  gammaGamma: GammaGammaFit | null;
  diagnostics: Diagnostics;
};

/**
 * Summarises an imported log per customer, fits BG/NBD (and Gamma-Gamma when the log has amounts)
 * and computes the fit diagnostics. Throws InputError for unusable input, including a log where
 * nobody buys again in the calibration period.
 */
export function calibrateLog(log: TransactionLog, options: CalibrateOptions): Calibration {
  const { file } = log;
  const summary = summarise(log, { calibrationEnd: options.calibrationEnd, unit: options.unit });
  if (summary.repeatTransactions === 0) {
    throw new InputError(
      `${file}: no customer bought again by the calibration end ${formatDay(summary.calibrationEnd)}, so there is nothing to fit; pass a later --calibration-end or a longer log`,
    );
  }
  const bgnbd = fitBgnbd(summary.customers);
  const repeatBuyers = summary.customers.filter((c) => c.x >= 1 && c.zbar > 0);
  const gammaGamma = log.hasAmounts && repeatBuyers.length > 0 ? fitGammaGamma(repeatBuyers) : null;
  const diagnostics = diagnose(summary, bgnbd.params);
  return { log, summary, bgnbd, gammaGamma, diagnostics };
}

/**
 * Calibrates on a log held as text, such as a browser `File`'s `text()`, named `file` in messages:
 * the same result as `calibrate` on the same file. Throws InputError for unusable input.
 *
 * @example calibrateText("log.csv", await input.files[0].text(), { unit: "week" }).bgnbd.params
 */
export function calibrateText(file: string, text: string, options: CalibrateOptions): Calibration {
  return calibrateLog(readTransactionText(file, text, options), options);
}

/** The JSON document of a calibration (`fit --json`). */
export function calibrationJson(c: Calibration) {
  const { log, summary, bgnbd, gammaGamma } = c;
  return {
    transactions: log.file,
    calibrationEnd: formatDay(summary.calibrationEnd),
    lastDate: formatDay(summary.lastDay),
    unit: summary.unit,
    rows: log.rows,
    sameDayRowsMerged: log.mergedRows,
    customers: summary.customers.length,
    customersAfterCalibrationEnd: summary.customersAfterEnd,
    repeatTransactions: summary.repeatTransactions,
    holdoutTransactions: summary.holdoutTransactions,
    bgnbd: {
      ...bgnbd.params,
      logLik: bgnbd.logLik,
      standardErrors: bgnbd.standardErrors,
    },
    gammaGamma: gammaGamma && {
      ...gammaGamma.params,
      logLik: gammaGamma.logLik,
      customers: gammaGamma.customers,
      standardErrors: gammaGamma.standardErrors,
    },
    diagnostics: c.diagnostics,
    badRows: log.badRows satisfies BadRowReport,
  };
}
