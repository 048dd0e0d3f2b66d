/**
 * The statistics of retention-lab: exact distribution functions, the experiment tests, survival
 * curves, power and sample size, multiple-comparison adjustment, bootstrap intervals and
 * sequential testing. Pure functions; stochastic ones take their random source.
 */
export { agrees, disagreements } from "./agreement.ts";
export type { BootstrapInterval, BootstrapOptions } from "./bootstrap.ts";
export { bootstrapMean, bootstrapMeanDifference, bootstrapMedian } from "./bootstrap.ts";
export type { CaseHandler, CaseResult } from "./cases.ts";
export { caseHandlers, runCase, runCases } from "./cases.ts";
export { chiSquareCdf, chiSquareSurvival } from "./chi-square.ts";
export type { ChiSquareResult } from "./chi-square-gof.ts";
export { chiSquareGoodnessOfFit } from "./chi-square-gof.ts";
export type { FindRootOptions } from "./find-root.ts";
export { findRoot } from "./find-root.ts";
export { betaTails, regularizedIncompleteBeta } from "./incomplete-beta.ts";
export { gammaTails, regularizedGammaP, regularizedGammaQ } from "./incomplete-gamma.ts";
export type { KaplanMeierCurve } from "./kaplan-meier.ts";
export { kaplanMeier } from "./kaplan-meier.ts";
export { logBeta, logGamma } from "./log-gamma.ts";
export { logRankTest } from "./log-rank.ts";
export type { MannWhitneyResult } from "./mann-whitney.ts";
export { mannWhitneyU } from "./mann-whitney.ts";
export {
  alwaysValidPValues,
  msprtLogLikelihoodRatio,
  msprtMeanLook,
  msprtProportionLook,
} from "./msprt.ts";
export { noncentralTCdf } from "./noncentral-t.ts";
export {
  normalCdf,
  normalDensity,
  normalLogSurvival,
  normalSurvival,
  normalTails,
  twoSidedNormalP,
} from "./normal.ts";
export { normalQuantile } from "./normal-quantile.ts";
export type { PAdjustMethod } from "./p-adjust.ts";
export { pAdjust } from "./p-adjust.ts";
export type { PeekingOptions, PeekingResult } from "./peeking.ts";
export { simulatePeeking } from "./peeking.ts";
export { mdeTwoMeans, powerTwoMeans, sampleSizeTwoMeans } from "./power-two-means.ts";
export {
  mdeTwoProportions,
  powerTwoProportions,
  sampleSizeTwoProportions,
} from "./power-two-proportions.ts";
export { sampleRatioMismatch } from "./sample-ratio-mismatch.ts";
export {
  studentTCdf,
  studentTDensity,
  studentTQuantile,
  studentTSurvival,
  studentTTails,
} from "./student-t.ts";
export type { TwoProportionResult } from "./two-proportion-test.ts";
export { twoProportionTest } from "./two-proportion-test.ts";
export type { WelchResult } from "./welch-t-test.ts";
export { welchTTest } from "./welch-t-test.ts";
