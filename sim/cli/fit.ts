import { rename, rm, stat, writeFile } from "node:fs/promises";
import {
  calibrate,
  calibrationJson,
  type DayMonthOrder,
  fittedScenario,
  formatDay,
  parseDate,
  type Unit,
} from "../calibrate/index.ts";
import { formatCalibration } from "../calibrate/report.ts";
import { InputError, show } from "../errors.ts";
import { type OptionSpec, parseArgs } from "./args.ts";
import type { Command } from "./io.ts";

const SPEC: OptionSpec = {
  transactions: "string",
  "calibration-end": "string",
  unit: "string",
  columns: "string",
  "date-format": "string",
  json: "string",
  "scenario-out": "string",
  quiet: "boolean",
  help: "boolean",
};

const USAGE = `usage: retention-lab fit --transactions FILE [options]

Fits BG/NBD (and Gamma-Gamma when the log has amounts) to a transaction log by maximum
likelihood and reports the fit against the data.

  --transactions FILE        CSV, TSV or whitespace-separated log, one row per purchase:
                             customer id, date, amount (optional); header optional
  --calibration-end DATE     YYYY-MM-DD, last day of the calibration period; later purchases
                             are the holdout (default: the last date in the log, no holdout).
                             A date after the last purchase ends the observation period there:
                             no holdout, every customer observed to that day
  --unit day|week            time unit of the fit (default week, as the published CDNOW fit)
  --columns ID,DATE[,AMOUNT] header names or 1-based indexes. Default: by header name
                             (customer/cust/client/user/member/buyer/客户/会员/用户 and their
                             _id forms; date/日期; amount/金额 …, listed in docs/fitting.md),
                             or by position for 2 or 3 columns without a header it knows;
                             CDNOW_sample.txt needs 2,3,5
  --date-format DMY|MDY      how to read dates like 03/04/1997 (refused without it);
                             YYYYMMDD, YYYY-MM-DD and YYYY/MM/DD need nothing
  --json OUT                 write the fit, diagnostics and bad-row report as JSON
  --scenario-out FILE        write a scenario for the simulator (rates per day)
  --quiet                    no progress lines on stderr (they appear for logs over 8 MB)

A fit whose estimate runs to a limit of the model (no evidence of drop-out, the same rate or
spend for every customer) is reported at that limit, in words. See docs/fitting.md.
`;

export const fitCommand: Command = {
  summary: "fit BG/NBD and Gamma-Gamma to a transaction log",
  async run(argv, io) {
    const { options, positional } = parseArgs(argv, SPEC);
    if (options.help) {
      io.stdout(USAGE);
      return 0;
    }
    if (positional.length > 0) {
      throw new InputError(
        `unexpected argument ${show(positional[0])}; pass the log as --transactions FILE`,
      );
    }
    const file = options.transactions as string | undefined;
    if (!file) throw new InputError("fit requires --transactions FILE");
    const unit = keyword("unit", options.unit ?? "week", ["day", "week"]) as Unit;
    const dateFormat =
      options["date-format"] === undefined
        ? undefined
        : (keyword("date-format", String(options["date-format"]).toUpperCase(), [
            "DMY",
            "MDY",
          ]) as DayMonthOrder);
    const calibrationEnd = dateOption(
      "calibration-end",
      options["calibration-end"] as string | undefined,
    );
    const columns = options.columns as string | undefined;
    const quiet = options.quiet === true;
    const size = await sizeOf(file);
    const showProgress = !quiet && size >= PROGRESS_BYTES;

    const result = await calibrate(file, {
      unit,
      dateFormat,
      calibrationEnd,
      columns,
      onProgress: showProgress
        ? ({ share, lines }) =>
            io.stderr(
              `reading ${file}: ${Math.round(share * 100)} % (${lines.toLocaleString("en-US")} lines)\n`,
            )
        : undefined,
      onFitting: showProgress
        ? ({ customers, records }) =>
            io.stderr(
              `fitting BG/NBD and Gamma-Gamma to ${customers.toLocaleString("en-US")} customers (${records.toLocaleString("en-US")} distinct records)\n`,
            )
        : undefined,
    });
    const json = options.json as string | undefined;
    const scenarioOut = options["scenario-out"] as string | undefined;
    if (json)
      await writeAtomically(json, "json", `${JSON.stringify(calibrationJson(result), null, 2)}\n`);
    if (scenarioOut) {
      const scenario = fittedScenario({
        transactions: file,
        calibrationEnd: formatDay(result.summary.calibrationEnd),
        unit,
        acquisitionWindowDays: result.summary.acquisitionWindowDays,
        bgnbd: result.bgnbd.model,
        gammaGamma: result.gammaGamma?.model ?? null,
      });
      await writeAtomically(scenarioOut, "scenario-out", `${JSON.stringify(scenario, null, 2)}\n`);
    }
    io.stdout(formatCalibration(result));
    if (json) io.stdout(`wrote ${json}\n`);
    if (scenarioOut) io.stdout(`wrote ${scenarioOut}\n`);
    return 0;
  },
};

// Logs of this size (about 300,000 rows) take a second or more to read: show progress.
const PROGRESS_BYTES = 8 * 2 ** 20;

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0; // The import names the problem.
  }
}

function keyword(option: string, value: unknown, allowed: readonly string[]): string {
  if (typeof value !== "string" || !allowed.includes(value)) {
    throw new InputError(`invalid --${option}: ${show(value)}; use ${allowed.join(" or ")}`);
  }
  return value;
}

function dateOption(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const day = parseDate(value);
  if (typeof day !== "number") {
    throw new InputError(`invalid --${option}: ${show(value)}; use YYYY-MM-DD`);
  }
  return day;
}

/** Writes OUT.tmp-<pid> and renames it over OUT, so a failure never leaves half a file. */
async function writeAtomically(path: string, option: string, text: string): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}`;
  try {
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    const why = error instanceof Error ? error.message : String(error);
    throw new InputError(`cannot write --${option} ${show(path)}: ${why}`);
  }
}
