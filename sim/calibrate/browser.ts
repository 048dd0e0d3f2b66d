/**
 * Calibration on real data without Node: everything in `index.ts` but reading files from disk.
 * The dashboard imports this; a log arrives as text (`calibrateText`) or line by line
 * (`LogReader`). Nothing here, or below it, may import a `node:` module.
 */
export type { BadRowExample, BadRowKind, BadRowReport } from "./bad-rows.ts";
export { describeBadRows, LogInputError } from "./bad-rows.ts";
export type { BgnbdCustomer, BgnbdModel, BgnbdParams } from "./bgnbd.ts";
export {
  bgnbdConditionalExpected,
  bgnbdCustomerLogLikelihood,
  bgnbdExpectedBySum,
  bgnbdExpectedTransactions,
  bgnbdLogLikelihood,
  bgnbdModel,
  bgnbdModelAliveExpected,
  bgnbdModelConditional,
  bgnbdModelExpected,
  bgnbdModelLogLikelihood,
  bgnbdModelPAlive,
  bgnbdModelProbability,
  bgnbdPAlive,
  bgnbdParams,
  bgnbdProbability,
} from "./bgnbd.ts";
export type { CalibrateOptions, Calibration } from "./calibrate.ts";
export { calibrateLog, calibrateText, calibrationJson } from "./calibrate.ts";
export type { ColumnChoice } from "./columns.ts";
export { AMOUNT_NAMES, DATE_NAMES, ID_NAMES } from "./columns.ts";
export type { DayMonthOrder } from "./dates.ts";
export { formatDay, NEEDS_ORDER, parseDate } from "./dates.ts";
export type { Diagnostics, FrequencyRow, HoldoutRow, PeriodRow } from "./diagnostics.ts";
export { diagnose } from "./diagnostics.ts";
export type { BgnbdFit, Boundary, DropOutTest, GammaGammaFit, Limit } from "./fit.ts";
export { fitBgnbd, fitGammaGamma } from "./fit.ts";
export type { GammaGammaCustomer, GammaGammaModel, GammaGammaParams } from "./gamma-gamma.ts";
export {
  gammaGammaConditionalMeanSpend,
  gammaGammaCustomerLogLikelihood,
  gammaGammaLogLikelihood,
  gammaGammaModel,
  gammaGammaModelLogLikelihood,
  gammaGammaModelMeanSpend,
  gammaGammaParams,
} from "./gamma-gamma.ts";
export { hyp2f1 } from "./hyp2f1.ts";
export type { ImportOptions, TransactionLog } from "./log-reader.ts";
export { LineSplitter, LogReader, linesOf, MAX_AMOUNT, readTransactionText } from "./log-reader.ts";
export type { FittedScenario } from "./scenario.ts";
export { fittedScenario } from "./scenario.ts";
export type { CalibrationSummary, CustomerSummary, Unit } from "./summarise.ts";
export { MAX_DAYS_AFTER_LAST, summarise, UNIT_DAYS } from "./summarise.ts";
