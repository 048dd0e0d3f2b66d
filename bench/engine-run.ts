/**
 * One engine run for the benchmark, in its own process so its peak memory is its own.
 * Usage: node build/bench/engine-run.js MEMBERS WORKERS [DAYS] (compiled by `npm run build:cli`;
 * `node --import tsx bench/engine-run.ts …` runs the TypeScript, compiling it at start).
 * Prints one JSON line: wall seconds, member-days, events, CPU seconds, peak resident memory.
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
const usage = process.resourceUsage();
const peak = usage.maxRSS * 1024;
console.log(
  JSON.stringify({
    members,
    workers,
    days,
    wall,
    // CPU of the process and its worker threads (user + system).
    cpu: (usage.userCPUTime + usage.systemCPUTime) / 1e6,
    memberDays: members * days,
    // Events: purchases and messages sent, referred members' included.
    events: report.arms.reduce((n, a) => n + a.purchases + a.messages, 0),
    peakBytes: peak,
    baselineBytes: baseline,
    referred: report.arms.reduce((n, a) => n + a.referredMembers, 0),
  }),
);
