/**
 * Calibration on real data: import a transaction log, summarise it per customer, fit BG/NBD and
 * Gamma-Gamma, check the fit, and turn it into a scenario. `browser.ts` is the same without the
 * two functions that read files from disk.
 */
export * from "./browser.ts";
export { calibrate, importTransactions } from "./node.ts";
