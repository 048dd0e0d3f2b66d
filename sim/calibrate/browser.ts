/**
 * Calibration on real data without Node: everything in `index.ts` but reading files from disk.
 * The dashboard imports this; a log arrives as text (`calibrateText`) or line by line
 * (`LogReader`). Nothing here, or below it, may import a `node:` module.
 */
export type { BadRowExample, BadRowKind, BadRowReport } from "./bad-rows.ts";
export { describeBadRows } from "./bad-rows.ts";
export type { BgnbdCustomer, BgnbdParams } from "./bgnbd.ts";
export {
  bgnbdConditionalExpected,
  bgnbdExpectedTransactions,
  bgnbdLogLikelihood,
  bgnbdPAlive,
  bgnbdProbability,
} from "./bgnbd.ts";
export type { CalibrateOptions, Calibration } from "./calibrate.ts";
export { calibrateLog, calibrateText, calibrationJson } from "./calibrate.ts";
export type { DayMonthOrder } from "./dates.ts";
export { formatDay, NEEDS_ORDER, parseDate } from "./dates.ts";
export type { Diagnostics, FrequencyRow, HoldoutRow, PeriodRow } from "./diagnostics.ts";
export { diagnose } from "./diagnostics.ts";
export type { BgnbdFit, GammaGammaFit } from "./fit.ts";
export { fitBgnbd, fitGammaGamma } from "./fit.ts";
export type { GammaGammaCustomer, GammaGammaParams } from "./gamma-gamma.ts";
export { gammaGammaConditionalMeanSpend, gammaGammaLogLikelihood } from "./gamma-gamma.ts";
export { hyp2f1 } from "./hyp2f1.ts";
export type { ImportOptions, TransactionLog } from "./log-reader.ts";
export { LogReader, linesOf, readTransactionText } from "./log-reader.ts";
export type { FittedScenario } from "./scenario.ts";
export { fittedScenario } from "./scenario.ts";
export type { CalibrationSummary, CustomerSummary, Unit } from "./summarise.ts";
export { summarise, UNIT_DAYS } from "./summarise.ts";
