import { readFile } from "node:fs/promises";
import { InputError, show } from "../errors.ts";
import { seededRandom } from "../random.ts";
import {
  disagreements,
  mdeTwoMeans,
  mdeTwoProportions,
  type PAdjustMethod,
  pAdjust,
  runCases,
  sampleRatioMismatch,
  sampleSizeTwoMeans,
  sampleSizeTwoProportions,
  simulatePeeking,
  twoProportionTest,
  welchTTest,
} from "../stats/index.ts";
import { type OptionSpec, parseArgs } from "./args.ts";
import type { Command, Io } from "./io.ts";

const USAGE = `usage: retention-lab stats <subcommand> [options]
       retention-lab stats --cases FILE [--check]

Statistical tests, power and the reference cases.

  --cases FILE          run every case of a reference file ({"cases": [{id, test, input}]}) and
                        print {"results": [{id, output} or {id, error}]} as JSON
                        (see test/reference/README.md); --check also compares each output
                        with the case's "expect", reports on stderr, and exits 1 on a mismatch

subcommands (each prints text; --json prints JSON):
  two-proportion --x1 N --n1 N --x2 N --n2 N [--alpha 0.05]
                        z-test of treatment (x2 of n2) against control (x1 of n1)
  welch --a LIST --b LIST [--alpha 0.05]
                        Welch t-test of b against a; LIST is numbers separated by commas
  power --p1 P --p2 P [--alpha 0.05] [--power 0.8]
                        members per arm for two proportions (as R's power.prop.test)
  power --p1 P --n N    the minimum detectable p2 with N per arm
  power --delta D --sd S | --sd S --n N
                        the same for two means (as R's power.t.test)
  p-adjust --p LIST --method holm|BH|bonferroni
                        adjusted p-values, as R's p.adjust
  srm --counts LIST --shares LIST
                        sample-ratio-mismatch check (flags p < 0.001)
  peeking [--seed 1] [--simulations 1000] [--days 28] [--per-day 500] [--rate 0.1]
                        how daily peeking inflates false positives, and the mSPRT that doesn't
`;

const SPECS: Record<string, OptionSpec> = {
  "two-proportion": { x1: "integer", n1: "integer", x2: "integer", n2: "integer", alpha: "number" },
  welch: { a: "string", b: "string", alpha: "number" },
  power: {
    p1: "number",
    p2: "number",
    delta: "number",
    sd: "number",
    n: "number",
    alpha: "number",
    power: "number",
  },
  "p-adjust": { p: "string", method: "string" },
  srm: { counts: "string", shares: "string" },
  peeking: {
    seed: "integer",
    simulations: "integer",
    days: "integer",
    "per-day": "integer",
    rate: "number",
    alpha: "number",
  },
};

type Options = Record<string, string | number | boolean>;
type Report = { json: unknown; text: string };

export const statsCommand: Command = {
  summary: "statistical tests, power and the reference cases",
  async run(argv, io) {
    const [first, ...rest] = argv;
    if (first === undefined || first === "--help" || first === "-h" || first === "help") {
      io.stdout(USAGE);
      return first === undefined ? 2 : 0;
    }
    if (first.startsWith("--")) {
      const { options, positional } = parseArgs(argv, {
        cases: "string",
        check: "boolean",
        help: "boolean",
      });
      if (options.help) {
        io.stdout(USAGE);
        return 0;
      }
      if (positional.length > 0)
        throw new InputError(`unexpected argument ${show(positional[0])}; see stats --help`);
      if (typeof options.cases !== "string")
        throw new InputError("stats requires a subcommand or --cases FILE");
      return runCaseFile(options.cases, options.check === true, io);
    }
    const spec = SPECS[first];
    if (!spec) {
      throw new InputError(
        `unknown stats subcommand ${show(first)}; try: ${Object.keys(SPECS).join(", ")}`,
      );
    }
    const { options, positional } = parseArgs(rest, { ...spec, json: "boolean", help: "boolean" });
    if (options.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (positional.length > 0)
      throw new InputError(`unexpected argument ${show(positional[0])}; see stats --help`);
    const report = SUBCOMMANDS[first](options);
    io.stdout(options.json ? `${JSON.stringify(report.json, null, 2)}\n` : report.text);
    return 0;
  },
};

async function runCaseFile(file: string, check: boolean, io: Io): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      `cannot read cases file ${show(file)}: ${code === "ENOENT" ? "no such file" : code}`,
    );
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new InputError(`invalid JSON in cases file ${show(file)}: ${(error as Error).message}`);
  }
  let results: ReturnType<typeof runCases>;
  try {
    results = runCases(document);
  } catch (error) {
    if (error instanceof InputError)
      throw new InputError(`cases file ${show(file)}: ${error.message}`);
    throw error;
  }
  io.stdout(`${JSON.stringify({ results })}\n`);
  if (!check) return 0;
  const cases = (document as { cases: { expect?: Record<string, unknown> }[] }).cases;
  let agreeing = 0;
  results.forEach((result, i) => {
    const expect = cases[i]?.expect;
    if ("error" in result) io.stderr(`${result.id}: error: ${result.error}\n`);
    else if (expect && typeof expect === "object") {
      const wrong = disagreements(result.output, expect);
      if (wrong.length === 0) agreeing++;
      else io.stderr(`${result.id}: ${wrong.join("; ")}\n`);
    } else io.stderr(`${result.id}: no expect to check against\n`);
  });
  io.stderr(`${agreeing} of ${results.length} cases agree with their expect\n`);
  return agreeing === results.length ? 0 : 1;
}

function required(options: Options, name: string): number {
  const value = options[name];
  if (typeof value !== "number") throw new InputError(`this stats subcommand requires --${name}`);
  return value;
}

function list(options: Options, name: string): number[] {
  const raw = options[name];
  if (typeof raw !== "string")
    throw new InputError(`this stats subcommand requires --${name} LIST`);
  return raw.split(",").map((part) => {
    const value = part.trim() === "" ? Number.NaN : Number(part);
    if (!Number.isFinite(value)) {
      throw new InputError(
        `invalid --${name}: ${show(raw)} (expected numbers separated by commas)`,
      );
    }
    return value;
  });
}

const pct = (x: number, digits = 2) => `${(100 * x).toFixed(digits)}%`;
const signedPct = (x: number, digits = 1) => `${x >= 0 ? "+" : ""}${pct(x, digits)}`;
const pp = (x: number) => `${x >= 0 ? "+" : ""}${(100 * x).toFixed(2)} pp`;
const num = (x: number) =>
  Math.abs(x) >= 1e-3 && Math.abs(x) < 1e6
    ? Number(x.toPrecision(4)).toString()
    : x.toExponential(3);
const pValue = (p: number) => (p >= 1e-4 ? p.toPrecision(3) : p.toExponential(2));

const SUBCOMMANDS: Record<string, (options: Options) => Report> = {
  "two-proportion": (options) => {
    const input = {
      x1: required(options, "x1"),
      n1: required(options, "n1"),
      x2: required(options, "x2"),
      n2: required(options, "n2"),
    };
    const alpha = (options.alpha as number | undefined) ?? 0.05;
    const r = twoProportionTest({ ...input, alpha });
    const level = pct(1 - alpha, 0);
    const lines = [
      "two-proportion z-test, treatment against control",
      `  control     ${input.x1} / ${input.n1} = ${pct(r.p1)}`,
      `  treatment   ${input.x2} / ${input.n2} = ${pct(r.p2)}`,
      `  difference  ${pp(r.diff)}, ${level} CI ${pp(r.ciLow)} to ${pp(r.ciHigh)}`,
      r.lift
        ? `  lift        ${signedPct(r.lift.estimate)}, ${level} CI ${signedPct(r.lift.ciLow)} to ${signedPct(r.lift.ciHigh)}`
        : "  lift        undefined (no successes in an arm)",
      `  z = ${num(r.z)}, two-sided p = ${pValue(r.p)}`,
    ];
    return { json: r, text: `${lines.join("\n")}\n` };
  },
  welch: (options) => {
    const alpha = (options.alpha as number | undefined) ?? 0.05;
    const r = welchTTest({ a: list(options, "a"), b: list(options, "b"), alpha });
    const lines = [
      "Welch t-test, b against a",
      `  mean(a) = ${num(r.meanA)}, mean(b) = ${num(r.meanB)}, difference ${num(r.diff)}`,
      `  ${pct(1 - alpha, 0)} CI ${num(r.ciLow)} to ${num(r.ciHigh)}`,
      `  t = ${num(r.t)}, df = ${num(r.df)}, two-sided p = ${pValue(r.p)}`,
    ];
    return { json: r, text: `${lines.join("\n")}\n` };
  },
  power: (options) => {
    const alpha = (options.alpha as number | undefined) ?? 0.05;
    const power = (options.power as number | undefined) ?? 0.8;
    const head = `(two-sided alpha ${alpha}, power ${power})`;
    if (options.p1 !== undefined && options.p2 !== undefined) {
      const { p1, p2 } = options as { p1: number; p2: number };
      const r = sampleSizeTwoProportions({ p1, p2, alpha, power });
      const text = [
        `sample size for two proportions ${head}`,
        `  p1 ${pct(p1)} -> p2 ${pct(p2)} (${pp(p2 - p1)}, ${signedPct(p2 / p1 - 1)} relative)`,
        `  ${r.nPerArmRounded} per arm, ${2 * r.nPerArmRounded} in total (${r.nPerArm.toFixed(2)} per arm unrounded, as R's power.prop.test)`,
      ];
      return { json: { p1, p2, alpha, power, ...r }, text: `${text.join("\n")}\n` };
    }
    if (options.p1 !== undefined && options.n !== undefined) {
      const { p1, n } = options as { p1: number; n: number };
      const r = mdeTwoProportions({ p1, n, alpha, power });
      const text = [
        `minimum detectable effect for two proportions with ${n} per arm ${head}`,
        `  p1 ${pct(p1)} -> p2 ${pct(r.p2)} (${pp(r.difference)}, ${signedPct(r.relativeLift)} relative)`,
      ];
      return { json: { p1, n, alpha, power, ...r }, text: `${text.join("\n")}\n` };
    }
    if (options.delta !== undefined) {
      const delta = options.delta as number;
      const sd = required(options, "sd");
      const r = sampleSizeTwoMeans({ delta, sd, alpha, power });
      const text = [
        `sample size for two means ${head}`,
        `  difference ${num(delta)} with standard deviation ${num(sd)}`,
        `  ${r.nPerArmRounded} per arm, ${2 * r.nPerArmRounded} in total (${r.nPerArm.toFixed(2)} per arm unrounded, as R's power.t.test)`,
      ];
      return { json: { delta, sd, alpha, power, ...r }, text: `${text.join("\n")}\n` };
    }
    if (options.sd !== undefined && options.n !== undefined) {
      const { sd, n } = options as { sd: number; n: number };
      const delta = mdeTwoMeans({ sd, n, alpha, power });
      const text = `minimum detectable difference in means with ${n} per arm ${head}\n  ${num(delta)} (${num(delta / sd)} standard deviations)\n`;
      return { json: { sd, n, alpha, power, delta }, text };
    }
    throw new InputError("stats power requires --p1 with --p2 or --n, or --sd with --delta or --n");
  },
  "p-adjust": (options) => {
    const p = list(options, "p");
    const method = options.method;
    if (typeof method !== "string")
      throw new InputError("stats p-adjust requires --method holm|BH|bonferroni");
    const adjusted = pAdjust(p, { method: method as PAdjustMethod });
    const text = [
      `p-values adjusted by ${method}`,
      ...p.map((x, i) => `  ${pValue(x)} -> ${pValue(adjusted[i])}`),
    ];
    return { json: { method, p, adjusted }, text: `${text.join("\n")}\n` };
  },
  srm: (options) => {
    const r = sampleRatioMismatch(list(options, "counts"), list(options, "shares"));
    const verdict = r.mismatch
      ? "MISMATCH: the arms' sizes do not fit the allocation; check the assignment before trusting results"
      : "no sample-ratio mismatch";
    const text = `${verdict}\n  chi2 = ${num(r.chi2)}, df = ${r.df}, p = ${pValue(r.p)} (alarm below ${r.threshold})\n`;
    return { json: r, text };
  },
  peeking: (options) => {
    const seed = (options.seed as number | undefined) ?? 1;
    const r = simulatePeeking({
      random: seededRandom(seed, "peeking"),
      simulations: options.simulations as number | undefined,
      days: options.days as number | undefined,
      perArmPerDay: options["per-day"] as number | undefined,
      rate: options.rate as number | undefined,
      alpha: options.alpha as number | undefined,
    });
    const text = [
      `${r.simulations} A/A experiments (no real difference), a look every day for ${r.days} days`,
      `  fixed-horizon z-test checked daily: ${pct(r.naiveFalsePositiveRate, 1)} declared a winner`,
      `  the same test once, at the end:     ${pct(r.fixedHorizonFalsePositiveRate, 1)}`,
      `  mSPRT always-valid p, daily:        ${pct(r.msprtFalsePositiveRate, 1)}`,
    ];
    return { json: r, text: `${text.join("\n")}\n` };
  },
};
