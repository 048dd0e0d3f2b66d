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
  /** Called once the log is summarised, before the fits. */
  onFitting?: (what: { customers: number; records: number }) => void;
};

/** Everything `retention-lab fit` reports. */
export type Calibration = {
  log: TransactionLog;
  summary: CalibrationSummary;
  bgnbd: BgnbdFit;
  /** Null when there is nothing to fit it to; `gammaGammaNote` says why. */
  gammaGamma: GammaGammaFit | null;
  gammaGammaNote: string | null;
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
  if (options.onFitting) {
    const records = new Set(summary.customers.map((c) => `${c.x}|${c.tx}|${c.T}`)).size;
    options.onFitting({ customers: summary.customers.length, records });
  }
  const bgnbd = fitBgnbd(summary.customers, { unit: summary.unit });
  const repeatBuyers = summary.customers.filter((c) => c.x >= 1 && c.zbar > 0);
  const means = new Set(repeatBuyers.map((c) => c.zbar));
  let gammaGamma: GammaGammaFit | null = null;
  let gammaGammaNote: string | null = null;
  if (!log.hasAmounts) gammaGammaNote = "no amount column";
  else if (repeatBuyers.length === 0) gammaGammaNote = "no repeat buyer with a positive amount";
  else if (means.size < 2) {
    const [only] = means;
    gammaGammaNote =
      repeatBuyers.length === 1
        ? `one repeat buyer (mean repeat amount ${only}) is too few to fit spend across customers`
        : `every repeat buyer's mean repeat amount is ${only}: no spread to fit`;
  } else gammaGamma = fitGammaGamma(repeatBuyers);
  const diagnostics = diagnose(summary, bgnbd.model);
  return { log, summary, bgnbd, gammaGamma, gammaGammaNote, diagnostics };
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

/** A number for JSON: infinite values (a parameter at a limit) become null. */
const finite = (v: number) => (Number.isFinite(v) ? v : null);
const finiteAll = <T extends Record<string, number>>(o: T) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, finite(v)])) as {
    [K in keyof T]: number | null;
  };

/**
 * The JSON document of a calibration (`fit --json`). Parameters at a limit (0 or ∞) are explained
 * by `boundary`; infinite ones are null, and `model` holds the same estimate in finite coordinates.
 */
export function calibrationJson(c: Calibration) {
  const { log, summary, bgnbd, gammaGamma } = c;
  return {
    transactions: log.file,
    columns: log.columnChoice,
    calibrationEnd: formatDay(summary.calibrationEnd),
    lastDate: formatDay(summary.lastDay),
    holdout: summary.lastDay > summary.calibrationEnd,
    unit: summary.unit,
    rows: log.rows,
    sameDayRowsMerged: log.mergedRows,
    customers: summary.customers.length,
    customersAfterCalibrationEnd: summary.customersAfterEnd,
    repeatTransactions: summary.repeatTransactions,
    holdoutTransactions: summary.holdoutTransactions,
    bgnbd: {
      ...finiteAll(bgnbd.params),
      logLik: bgnbd.logLik,
      standardErrors: bgnbd.standardErrors,
      standardErrorNote: bgnbd.standardErrorNote,
      boundary: bgnbd.boundary,
      model: bgnbd.model,
      nbd: finiteAll(bgnbd.nbd),
      dropOutTest: bgnbd.dropOutTest,
      maximumLikelihood: bgnbd.maximumLikelihood && {
        ...finiteAll(bgnbd.maximumLikelihood.params),
        logLik: bgnbd.maximumLikelihood.logLik,
        model: bgnbd.maximumLikelihood.model,
      },
      distinctRecords: bgnbd.distinctRecords,
    },
    gammaGamma: gammaGamma && {
      ...finiteAll(gammaGamma.params),
      logLik: gammaGamma.logLik,
      customers: gammaGamma.customers,
      standardErrors: gammaGamma.standardErrors,
      standardErrorNote: gammaGamma.standardErrorNote,
      boundary: gammaGamma.boundary,
      model: gammaGamma.model,
    },
    gammaGammaNote: c.gammaGammaNote,
    diagnostics: c.diagnostics,
    badRows: log.badRows satisfies BadRowReport,
  };
}
