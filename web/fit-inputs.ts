import {
  type BadRowReport,
  type CalibrateOptions,
  type Calibration,
  calibrateLog,
  type DayMonthOrder,
  fittedScenario,
  formatDay,
  InputError,
  LogInputError,
  normalizeScenario,
  parseDate,
  readTransactionText,
  type Scenario,
  type TransactionLog,
  type Unit,
} from "../sim/index.ts";

/** The fit panel's options, as typed. */
export type FitInputs = {
  /** YYYY-MM-DD, or empty for the log's last day (no holdout). */
  calibrationEnd: string;
  unit: Unit;
  /** `id,date[,amount]` as header names or 1-based indexes, or empty to go by the header. */
  columns: string;
  /** Empty refuses day/month dates such as 03/04/1997. */
  dateFormat: "" | DayMonthOrder;
};

export const DEFAULT_FIT_INPUTS: FitInputs = {
  calibrationEnd: "",
  unit: "week",
  columns: "",
  dateFormat: "",
};

/** Bigger logs belong to `retention-lab fit`: the text and the fit are held in the page. */
export const MAX_LOG_BYTES = 64 * 2 ** 20;

export type FitOutcome =
  | { fit: Calibration; population: Scenario; error?: undefined; badRows?: undefined }
  | {
      error: string;
      /** The rows skipped on the way to the error, when the log was read that far. */
      badRows: BadRowReport | null;
      fit?: undefined;
      population?: undefined;
    };

// The core's messages name the CLI's options; the panel's fields carry these labels.
const LABELS: [RegExp, string][] = [
  [/--date-format DMY or --date-format MDY/g, "Date format DMY or MDY"],
  [/--calibration-end/g, "Calibration end"],
  [/--columns/g, "Columns"],
  [/--date-format/g, "Date format"],
  [/--unit/g, "Unit"],
];

/** An InputError message of the calibration core, worded for the panel's fields. */
export function panelMessage(message: string): string {
  return LABELS.reduce((text, [pattern, label]) => text.replace(pattern, label), message);
}

/**
 * Fits a log's text with the panel's options (see `calibrateText`) and turns the fit into a
 * complete scenario. Never throws for bad input: an unusable log or option comes back as
 * `{ error, badRows }`, in words for the panel (the file, the column, the value), with the rows
 * skipped before it; anything else is a bug and is thrown.
 */
export function fitLog(name: string, text: string, inputs: FitInputs): FitOutcome {
  let log: TransactionLog | undefined;
  try {
    const options = calibrateOptions(inputs);
    log = readTransactionText(name, text, options);
    const fit = calibrateLog(log, options);
    return { fit, population: population(name, fit) };
  } catch (error) {
    if (error instanceof InputError) {
      const badRows = log?.badRows ?? (error instanceof LogInputError ? error.badRows : null);
      return { error: panelMessage(error.message), badRows: badRows?.total ? badRows : null };
    }
    throw error;
  }
}

function calibrateOptions(inputs: FitInputs): CalibrateOptions {
  const options: CalibrateOptions = { unit: inputs.unit };
  const end = inputs.calibrationEnd.trim();
  if (end !== "") {
    const day = parseDate(end);
    if (typeof day !== "number") {
      throw new InputError(`invalid calibration end: ${JSON.stringify(end)}; use YYYY-MM-DD`);
    }
    options.calibrationEnd = day;
  }
  if (inputs.columns.trim() !== "") options.columns = inputs.columns.trim();
  if (inputs.dateFormat) options.dateFormat = inputs.dateFormat;
  return options;
}

/**
 * The fitted scenario, normalised, simulating as many days as the log spans (calibration and
 * holdout), so a run covers the period the fit was checked on.
 */
export function population(name: string, fit: Calibration): Scenario {
  const { summary } = fit;
  const doc = fittedScenario({
    transactions: name,
    calibrationEnd: formatDay(summary.calibrationEnd),
    unit: summary.unit,
    acquisitionWindowDays: summary.acquisitionWindowDays,
    bgnbd: fit.bgnbd.model,
    gammaGamma: fit.gammaGamma?.model ?? null,
  });
  const horizonDays = Math.min(3650, summary.lastDay - summary.startDay + 1);
  return normalizeScenario({ ...doc, horizonDays }, `scenario fitted to ${name}`);
}
