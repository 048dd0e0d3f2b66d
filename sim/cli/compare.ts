import { InputError } from "../errors.ts";
import { ADJUST_METHODS, type AdjustMethod } from "../experiment/ab-tests.ts";
import { MAX_REPLICATIONS, runExperiment } from "../experiment/run-experiment.ts";
import { renderAbSection, renderReplications } from "../experiment/text.ts";
import { createNodeWorker, defaultWorkers } from "../pool/node-pool.ts";
import type { ArmReport } from "../report/arm-report.ts";
import { fmt, table } from "../report/format.ts";
import type { Report } from "../report/report.ts";
import { reportRows, roiNote } from "../report/rows.ts";
import { DEFAULT_SCENARIO_ID } from "../scenario/builtin.ts";
import { parseArgs, refusePositional } from "./args.ts";
import type { Command, Io } from "./io.ts";
import { loadScenario, loadStrategy } from "./load.ts";
import { inDir, toCsv, writeOutputs } from "./output.ts";

const HELP = `usage: retention-lab compare [options]

Simulates one member population, randomises members to the arms and compares them.

  --scenario NAME|FILE  built-in scenario id or scenario JSON (default: ${DEFAULT_SCENARIO_ID})
  --arms a,b,…          strategies, built-in ids or JSON files (default: t-plus-7,scenario-nurture)
  --split 1,1,…         shares of members per arm (default: equal)
  --members N           randomised members (default: the scenario's, 100,000)
  --days D              horizon in days (default: the scenario's, 365)
  --seed S              random seed (default: 1); same inputs and seed give the same report
  --json FILE           write the full report as JSON
  --csv DIR             write arms.csv, retention.csv, daily.csv and stage-mix.csv into DIR
  --workers N           worker threads (default: the number of cores); results do not depend on it
  --alpha A             significance level of the A/B tests (default: 0.05)
  --adjust METHOD       p-value adjustment across metrics and arms: holm (default), BH,
                        bonferroni or none
  --replications R      run R seeds (seed, seed + 1, …) and report the spread of every arm's
                        metrics and every effect
  --paired              also run every member under every arm and report the true effects beside
                        the estimates (with --replications: how often the interval covered them)
  --quiet               no progress on stderr
`;

const SPEC = {
  scenario: "string",
  arms: "string",
  split: "string",
  members: "integer",
  days: "integer",
  seed: "integer",
  json: "string",
  csv: "string",
  quiet: "boolean",
  workers: "integer",
  alpha: "number",
  adjust: "string",
  replications: "integer",
  paired: "boolean",
  help: "boolean",
} as const;

export const compareCommand: Command = {
  summary: "simulate playbooks against one population and compare the arms",
  async run(argv, io) {
    const { options, positional } = parseArgs(argv, SPEC);
    if (options.help) {
      io.stdout(HELP);
      return 0;
    }
    refusePositional(positional);
    const scenario = loadScenario(String(options.scenario ?? DEFAULT_SCENARIO_ID));
    const armNames = String(options.arms ?? "t-plus-7,scenario-nurture")
      .split(",")
      .map((s) => s.trim());
    if (armNames.some((a) => a === ""))
      throw new InputError(`option --arms has an empty name: ${JSON.stringify(options.arms)}`);
    const strategies = armNames.map(loadStrategy);
    const members = Number(options.members ?? scenario.members);
    const days = Number(options.days ?? scenario.horizonDays);
    const seed = Number(options.seed ?? 1);
    if (members < 1 || members > 50_000_000)
      throw new InputError(`option --members must be from 1 to 50,000,000, got ${members}`);
    if (days < 1 || days > 3650)
      throw new InputError(`option --days must be from 1 to 3650, got ${days}`);
    if (seed < 0 || seed > 4294967295)
      throw new InputError(`option --seed must be from 0 to 4294967295, got ${seed}`);
    const split =
      options.split === undefined
        ? undefined
        : parseSplit(String(options.split), strategies.length);
    if (options.workers !== undefined) {
      const w = Number(options.workers);
      if (w < 1 || w > 64) throw new InputError(`option --workers must be from 1 to 64, got ${w}`);
      if (w > members)
        throw new InputError(`option --workers (${w}) must not exceed --members (${members})`);
    }
    const alpha = Number(options.alpha ?? 0.05);
    if (!(alpha > 0 && alpha < 1))
      throw new InputError(`option --alpha must be between 0 and 1 (exclusive), got ${alpha}`);
    const adjust = String(options.adjust ?? "holm") as AdjustMethod;
    if (!ADJUST_METHODS.includes(adjust)) {
      throw new InputError(
        `invalid --adjust: ${JSON.stringify(adjust)}; use one of ${ADJUST_METHODS.join(", ")}`,
      );
    }
    const replications =
      options.replications === undefined ? undefined : Number(options.replications);
    if (replications !== undefined && (replications < 1 || replications > MAX_REPLICATIONS)) {
      throw new InputError(
        `option --replications must be from 1 to ${fmt(MAX_REPLICATIONS)}, got ${replications}`,
      );
    }
    const paired = options.paired === true;
    const workers = Number(options.workers ?? defaultWorkers());
    const runs = (replications ?? 1) * (paired ? strategies.length + 1 : 1);
    const quiet = options.quiet === true;
    const showProgress = !quiet && members * days * strategies.length > 2e7;
    let shown = "";
    const report = await runExperiment(
      { scenario, strategies, members, days, seed, split, analysis: { alpha, adjust } },
      {
        workers,
        createWorker: () => createNodeWorker(),
        replications,
        paired,
        onProgress: ({ replication, replications: count, run, done }) => {
          const prefix = runs > 1 ? `replication ${replication + 1}/${count}, ${run}: ` : "";
          const line = `${prefix}simulating ${fmt(members)} members × ${days} days: ${Math.floor(done * 10) * 10} %`;
          const finished = runs > 1 && done === 1 && !quiet;
          if ((showProgress || finished) && line !== shown) {
            shown = line;
            io.stderr(`${line}\n`);
          }
        },
      },
    );
    const files: { path: string; text: string }[] = [];
    if (options.json !== undefined)
      files.push({ path: String(options.json), text: `${JSON.stringify(report, null, 1)}\n` });
    if (options.csv !== undefined) files.push(...csvFiles(String(options.csv), report));
    writeOutputs(files);
    const text = renderReport(report);
    io.stdout(text.endsWith("\n") ? text : `${text}\n`);
    return 0;
  },
};

function parseSplit(text: string, arms: number): number[] {
  const shares = text.split(",").map((s) => Number(s));
  if (shares.length !== arms || shares.some((s) => !Number.isFinite(s) || s <= 0)) {
    throw new InputError(
      `option --split requires ${arms} positive numbers separated by commas, got ${JSON.stringify(text)}`,
    );
  }
  return shares;
}

/** The per-arm table a strategist reads in the terminal. */
export function renderReport(report: Report): string {
  const arms = report.arms;
  const rows = reportRows(report);
  const header = ["", ...arms.map((a) => a.strategy)];
  const body = rows.map(({ label, cell }) => [label, ...arms.map(cell)]);
  const title = `${report.scenarioName}: ${fmt(report.members)} members, ${report.days} days, seed ${report.seed}\n\n`;
  const sections = [
    `${table(header, body)}${roiNote(report)}\n`,
    renderAbSection(report),
    renderReplications(report),
  ];
  return title + sections.filter((s) => s !== "").join("\n");
}

function csvFiles(dir: string, report: Report): { path: string; text: string }[] {
  const arms = report.arms;
  const summary = toCsv(
    [
      "strategy",
      "members",
      "referredMembers",
      "retentionLast",
      "churnNatural",
      "churnOverMessaging",
      "optOuts",
      "converted",
      "purchases",
      "revenue",
      "clvPerMember",
      "clvNetPerMember",
      "messages",
      "cost",
      "roi",
      "instantRoi",
      "revenueShareTop1",
      "revenueShareTop5",
      "revenueShareTop10",
      "revenueShareTop20",
      "vsControlRevenue",
      "vsControlCost",
      "vsControlClvNet",
      "vsControlRoi",
    ],
    arms.map((a) => [
      a.strategy,
      a.members,
      a.referredMembers,
      a.retention[report.days],
      a.churn.natural,
      a.churn.overMessaging,
      a.optOuts,
      a.converted,
      a.purchases,
      a.revenue,
      a.clvPerMember,
      a.clvNetPerMember,
      a.messages,
      a.cost,
      a.roi,
      a.instantRoi,
      a.revenueShareTop["1"],
      a.revenueShareTop["5"],
      a.revenueShareTop["10"],
      a.revenueShareTop["20"],
      a.vsControl?.revenue ?? null,
      a.vsControl?.cost ?? null,
      a.vsControl?.clvNet ?? null,
      a.vsControl?.roi ?? null,
    ]),
  );
  const byDay = (values: (a: ArmReport) => (number | null)[], length: number) =>
    Array.from({ length }, (_, d) => [d, ...arms.map((a) => values(a)[d])]);
  const retention = toCsv(
    ["daySinceJoin", ...arms.map((a) => a.strategy)],
    byDay((a) => a.retention, report.days + 1),
  );
  const dailyKeys = ["purchases", "revenue", "messages", "optOuts", "overMessagingChurn"] as const;
  const daily = toCsv(
    ["day", ...arms.flatMap((a) => dailyKeys.map((k) => `${a.strategy}.${k}`))],
    Array.from({ length: report.days }, (_, d) => [
      d,
      ...arms.flatMap((a) => dailyKeys.map((k) => a.daily[k][d])),
    ]),
  );
  const stages = Object.keys(arms[0].stageMix);
  const stageMix = toCsv(
    ["day", ...arms.flatMap((a) => stages.map((s) => `${a.strategy}.${s}`))],
    Array.from({ length: report.days }, (_, d) => [
      d,
      ...arms.flatMap((a) => stages.map((s) => a.stageMix[s][d])),
    ]),
  );
  return [
    { path: inDir(dir, "arms.csv"), text: summary },
    { path: inDir(dir, "retention.csv"), text: retention },
    { path: inDir(dir, "daily.csv"), text: daily },
    { path: inDir(dir, "stage-mix.csv"), text: stageMix },
  ];
}

export type { Io };
