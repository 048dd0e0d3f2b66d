/**
 * One engine run for the benchmark, in its own process so its peak memory is its own.
 * Usage: node --import tsx bench/engine-run.ts MEMBERS WORKERS [DAYS]
 * Prints one JSON line: wall seconds, member-days, peak resident memory.
 */
import { createNodeWorker } from "../sim/pool/node-pool.ts";
import { runComparison } from "../sim/run.ts";
import { BUILTIN_SCENARIOS } from "../sim/scenario/builtin.ts";
import { BUILTIN_STRATEGIES } from "../strategies/index.ts";

const members = Number(process.argv[2]);
const workers = Number(process.argv[3]);
const days = Number(process.argv[4] ?? 365);
const strategy = (id: string) => BUILTIN_STRATEGIES.find((s) => s.id === id)!;
const baseline = process.memoryUsage().rss;
const start = performance.now();
const report = await runComparison(
  {
    scenario: BUILTIN_SCENARIOS[0],
    strategies: [strategy("t-plus-7"), strategy("scenario-nurture")],
    members,
    days,
    seed: 1,
  },
  { workers, createWorker: () => createNodeWorker() },
);
const wall = (performance.now() - start) / 1000;
const peak = process.resourceUsage().maxRSS * 1024;
console.log(
  JSON.stringify({
    members,
    workers,
    days,
    wall,
    memberDays: members * days,
    peakBytes: peak,
    baselineBytes: baseline,
    referred: report.arms.reduce((n, a) => n + a.referredMembers, 0),
  }),
);
