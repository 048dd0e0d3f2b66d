/**
 * Calibration on real data: import a transaction log, summarise it per customer, fit BG/NBD and
 * Gamma-Gamma, check the fit, and turn it into a scenario.
 */
export type { BadRowKind, BadRowReport } from "./bad-rows.ts";
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
export { calibrate, calibrationJson } from "./calibrate.ts";
export type { DayMonthOrder } from "./dates.ts";
export { formatDay, NEEDS_ORDER, parseDate } from "./dates.ts";
export type { Diagnostics, FrequencyRow, HoldoutRow, PeriodRow } from "./diagnostics.ts";
export { diagnose } from "./diagnostics.ts";
export type { BgnbdFit, GammaGammaFit } from "./fit.ts";
export { fitBgnbd, fitGammaGamma } from "./fit.ts";
export type { GammaGammaCustomer, GammaGammaParams } from "./gamma-gamma.ts";
export { gammaGammaConditionalMeanSpend, gammaGammaLogLikelihood } from "./gamma-gamma.ts";
export { hyp2f1 } from "./hyp2f1.ts";
export type { ImportOptions, TransactionLog } from "./import.ts";
export { importTransactions } from "./import.ts";
export type { FittedScenario } from "./scenario.ts";
export { fittedScenario } from "./scenario.ts";
export type { CalibrationSummary, CustomerSummary, Unit } from "./summarise.ts";
export { summarise, UNIT_DAYS } from "./summarise.ts";
