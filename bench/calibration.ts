// Calibration of the A/B tests: prints the figures of docs/calibration.md.
// Run: node --import tsx bench/calibration.ts [--replications 1000] [--members 3000] [--days 120] [--seed 1]
import { parseArgs } from "node:util";
import { coverageOfTruth, falsePositiveRates } from "../sim/experiment/calibration.ts";
import { BUILTIN_SCENARIOS } from "../sim/scenario/builtin.ts";
import { BUILTIN_STRATEGIES } from "../strategies/index.ts";

const { values } = parseArgs({
  options: {
    replications: { type: "string", default: "1000" },
    members: { type: "string", default: "3000" },
    days: { type: "string", default: "120" },
    seed: { type: "string", default: "1" },
  },
});
const scenario = BUILTIN_SCENARIOS[0];
const strategy = (id: string) => {
  const found = BUILTIN_STRATEGIES.find((s) => s.id === id);
  if (!found) throw new Error(`no built-in strategy ${id}`);
  return found;
};
const options = {
  scenario,
  members: Number(values.members),
  days: Number(values.days),
  replications: Number(values.replications),
  seed: Number(values.seed),
};
const percent = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(1)} %`);
const seconds = (start: number) => `${((performance.now() - start) / 1000).toFixed(1)} s`;

console.log(
  `# ${scenario.id}, ${options.members} members × ${options.days} days, ${options.replications} replications (seeds ${options.seed}…${options.seed + options.replications - 1}), α = 0.05, in one thread\n`,
);

let start = performance.now();
const aa = await falsePositiveRates({ ...options, strategy: strategy("control") });
console.log(
  `## A/A (control, control): false-positive rate, unadjusted p < 0.05 — ${seconds(start)}\n`,
);
console.log("| metric | rejections | rate |\n|---|---:|---:|");
for (const row of aa) console.log(`| ${row.label} | ${row.rejections} | ${percent(row.rate)} |`);

for (const pair of [
  ["control", "t-plus-7"],
  ["t-plus-7", "scenario-nurture"],
] as const) {
  start = performance.now();
  const rows = await coverageOfTruth({
    ...options,
    strategies: [strategy(pair[0]), strategy(pair[1])],
  });
  console.log(
    `\n## Coverage of the true effect, ${pair[1]} vs ${pair[0]} (paired) — ${seconds(start)}\n`,
  );
  console.log(
    "| metric | mean true effect | sample CI covers the truth | usual CI covers the truth | usual CI covers the population effect | power |\n|---|---:|---:|---:|---:|---:|",
  );
  for (const row of rows) {
    const truth =
      row.truth === null
        ? "—"
        : row.metric.match(/retention|conversion|opt-out/)
          ? `${(row.truth * 100).toFixed(2)} pp`
          : row.truth.toFixed(2);
    console.log(
      `| ${row.label} | ${truth} | ${percent(row.coverage)} | ${percent(row.ciCoverage)} | ${percent(row.populationCoverage)} | ${percent(row.power)} |`,
    );
  }
}
