import {
  type BgnbdParams,
  bgnbdConditionalExpected,
  bgnbdExpectedTransactions,
  bgnbdLogLikelihood,
  bgnbdPAlive,
} from "../calibrate/bgnbd.ts";
import {
  type GammaGammaParams,
  gammaGammaConditionalMeanSpend,
  gammaGammaLogLikelihood,
} from "../calibrate/gamma-gamma.ts";
import { InputError, show } from "../errors.ts";
import {
  asObject,
  type CaseInput,
  numberField,
  numbersField,
  objectsField,
  stringField,
} from "./case-input.ts";
import { chiSquareGoodnessOfFit } from "./chi-square-gof.ts";
import { kaplanMeier } from "./kaplan-meier.ts";
import { logRankTest } from "./log-rank.ts";
import { mannWhitneyU } from "./mann-whitney.ts";
import { type PAdjustMethod, pAdjust } from "./p-adjust.ts";
import { sampleSizeTwoMeans } from "./power-two-means.ts";
import { sampleSizeTwoProportions } from "./power-two-proportions.ts";
import { twoProportionTest } from "./two-proportion-test.ts";
import { welchTTest } from "./welch-t-test.ts";

/**
 * The reference-case registry: each test name of test/reference/stats.json and its handler,
 * from the case's `input` to an output holding (at least) the keys of the case's `expect`.
 */
export type CaseHandler = (input: CaseInput) => Record<string, unknown>;

export type CaseResult =
  | { id: string; output: Record<string, unknown> }
  | { id: string; error: string };

export const caseHandlers: Record<string, CaseHandler> = {
  "two-proportion": (input) =>
    twoProportionTest({
      x1: numberField(input, "x1"),
      n1: numberField(input, "n1"),
      x2: numberField(input, "x2"),
      n2: numberField(input, "n2"),
      alpha: numberField(input, "alpha", 0.05),
    }),
  "welch-t": (input) =>
    welchTTest({
      a: numbersField(input, "a"),
      b: numbersField(input, "b"),
      alpha: numberField(input, "alpha", 0.05),
    }),
  "mann-whitney": (input) =>
    mannWhitneyU({ a: numbersField(input, "a"), b: numbersField(input, "b") }),
  "chi-square-gof": (input) =>
    chiSquareGoodnessOfFit({
      observed: numbersField(input, "observed"),
      expectedShares: numbersField(input, "expectedShares"),
    }),
  "kaplan-meier": (input) =>
    kaplanMeier({ time: numbersField(input, "time"), event: numbersField(input, "event") }),
  "log-rank": (input) =>
    logRankTest({
      time: numbersField(input, "time"),
      event: numbersField(input, "event"),
      group: numbersField(input, "group"),
    }),
  "power-two-proportions": (input) =>
    sampleSizeTwoProportions({
      p1: numberField(input, "p1"),
      p2: numberField(input, "p2"),
      alpha: numberField(input, "alpha", 0.05),
      power: numberField(input, "power", 0.8),
    }),
  "power-two-means": (input) =>
    sampleSizeTwoMeans({
      delta: numberField(input, "delta"),
      sd: numberField(input, "sd", 1),
      alpha: numberField(input, "alpha", 0.05),
      power: numberField(input, "power", 0.8),
    }),
  "p-adjust": (input) => ({
    adjusted: pAdjust(numbersField(input, "p"), {
      method: stringField(input, "method") as PAdjustMethod,
    }),
  }),
  bgnbd: (input) => {
    const params = positiveParams(input, ["r", "alpha", "a", "b"]) as BgnbdParams;
    const t = numberField(input, "t");
    if (t < 0) throw new InputError(`bgnbd case requires t >= 0, got ${show(t)}`);
    const customers = objectsField(input, "customers").map((c, i) => {
      const x = numberField(c, "x");
      const tx = numberField(c, "tx");
      const T = numberField(c, "T");
      if (x < 0 || tx < 0 || tx > T) {
        throw new InputError(
          `bgnbd case requires 0 <= tx <= T and x >= 0, got customers[${i}] ${show(c)}`,
        );
      }
      return { x, tx, T };
    });
    return finite("bgnbd", {
      logLik: bgnbdLogLikelihood(params, customers),
      expectedTransactions: bgnbdExpectedTransactions(params, t),
      conditionalExpected: customers.map((c) => bgnbdConditionalExpected(params, c, t)),
      pAlive: customers.map((c) => bgnbdPAlive(params, c)),
    });
  },
  "gamma-gamma": (input) => {
    const params = positiveParams(input, ["p", "q", "gamma"]) as GammaGammaParams;
    const customers = objectsField(input, "customers").map((c, i) => {
      const x = numberField(c, "x");
      const zbar = numberField(c, "zbar");
      if (x < 1 || zbar <= 0 || params.p * x + params.q <= 1) {
        throw new InputError(
          `gamma-gamma case requires x >= 1, zbar > 0 and p·x + q > 1, got customers[${i}] ${show(c)}`,
        );
      }
      return { x, zbar };
    });
    return finite("gamma-gamma", {
      logLik: gammaGammaLogLikelihood(params, customers),
      conditionalMeanSpend: customers.map((c) => gammaGammaConditionalMeanSpend(params, c)),
    });
  },
};

function positiveParams(input: CaseInput, names: string[]): Record<string, number> {
  const params = asObject(input.params, "input.params");
  const out: Record<string, number> = {};
  for (const name of names) {
    const value = params[name];
    if (typeof value !== "number" || !(value > 0) || !Number.isFinite(value)) {
      throw new InputError(
        `invalid input.params.${name}: ${show(value)} (expected a positive number)`,
      );
    }
    out[name] = value;
  }
  return out;
}

// A model that produced a non-finite number reports it as an error, never as a value.
function finite(what: string, output: Record<string, number | number[]>): Record<string, unknown> {
  for (const [key, value] of Object.entries(output)) {
    const values = Array.isArray(value) ? value : [value];
    if (!values.every(Number.isFinite))
      throw new InputError(`${what} case cannot compute ${key} for these inputs`);
  }
  return output;
}

/** Runs one case; a malformed or impossible case becomes `{ id, error }`. */
export function runCase(raw: unknown, index: number): CaseResult {
  const fallbackId = `case ${index + 1}`;
  try {
    const item = asObject(raw, `cases[${index}]`);
    const id = typeof item.id === "string" && item.id !== "" ? item.id : fallbackId;
    try {
      const test = item.test;
      const handler =
        typeof test === "string" && Object.hasOwn(caseHandlers, test)
          ? caseHandlers[test]
          : undefined;
      if (!handler) {
        throw new InputError(
          `invalid test: ${show(test)}; known tests: ${Object.keys(caseHandlers).join(", ")}`,
        );
      }
      return { id, output: handler(asObject(item.input, "input")) };
    } catch (error) {
      return { id, error: message(error) };
    }
  } catch (error) {
    return { id: fallbackId, error: message(error) };
  }
}

function message(error: unknown): string {
  if (error instanceof InputError) return error.message;
  return `internal error: ${error instanceof Error ? error.message : String(error)}`;
}

/** Runs every case of a reference document `{ cases: [...] }`, in order. */
export function runCases(document: unknown): CaseResult[] {
  const cases = asObject(document, "cases document").cases;
  if (!Array.isArray(cases))
    throw new InputError(`invalid cases: ${show(cases)} (expected an array)`);
  return cases.map(runCase);
}
