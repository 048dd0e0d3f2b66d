/**
 * `npm run bench`: the engine's headline run (1,000,000 members × 365 days × 2 arms on the default
 * scenario), a scaling table, the import-and-fit benchmark, sweep throughput and the dashboard's
 * default run in Chromium (bench/browser.ts). Each run is a child process so that wall time
 * includes starting the workers and peak memory is the run's own.
 */
import { execFileSync } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
type Run = {
  members: number;
  workers: number;
  days: number;
  wall: number;
  cpu: number;
  memberDays: number;
  events: number;
  peakBytes: number;
  baselineBytes: number;
};

// Engine runs use the compiled JavaScript, as the CLI does: rebuilt first, so never stale.
execFileSync("npm", ["run", "--silent", "build:cli"], { cwd: here(".."), stdio: "inherit" });

function engine(members: number, workers: number): Run {
  const out = execFileSync(
    process.execPath,
    [here("../build/bench/engine-run.js"), String(members), String(workers)],
    {
      encoding: "utf8",
      maxBuffer: 1 << 24,
    },
  );
  return JSON.parse(out.trim().split("\n").at(-1)!);
}

/** Wall seconds of a whole command, from spawn to exit. */
function wallOf(command: string, args: string[]): number {
  const start = performance.now();
  execFileSync(command, args, { cwd: here(".."), stdio: ["ignore", "ignore", "inherit"] });
  return (performance.now() - start) / 1000;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const rate = (r: Run) => r.memberDays / r.wall / r.workers;

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${mb(totalmem())} RAM, Node ${process.version}`,
);
console.log(
  `load average at start: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(", ")}`,
);
const headline = engine(1_000_000, 2);
console.log(
  "\nheadline: 1,000,000 members × 365 days × 2 arms (t-plus-7 vs scenario-nurture), default scenario",
);
console.log(`  workers              ${headline.workers}`);
console.log(`  wall time            ${headline.wall.toFixed(2)} s`);
console.log(
  `  member-days / s      ${(headline.memberDays / headline.wall / 1e6).toFixed(1)} M (${(rate(headline) / 1e6).toFixed(1)} M per core)`,
);
console.log(
  `  events / s           ${(headline.events / headline.wall / 1e6).toFixed(1)} M (${(headline.events / headline.wall / headline.workers / 1e6).toFixed(1)} M per core; ${(headline.events / 1e6).toFixed(1)} M purchases and messages)`,
);
console.log(`  CPU                  ${headline.cpu.toFixed(2)} s (all threads)`);
console.log(`  peak memory          ${mb(headline.peakBytes)}`);
console.log(
  `  bytes per member     ${((headline.peakBytes - headline.baselineBytes) / headline.members).toFixed(0)} (peak above the idle process)`,
);

const defaults = [1, 2, 3].map(() =>
  wallOf(process.execPath, [here("../bin/retention-lab.js"), "compare", "--quiet"]),
);
console.log(
  `\ndefault compare (100,000 members, \`retention-lab compare --quiet\`, whole command): ${defaults.map((w) => `${w.toFixed(2)} s`).join(", ")} (best ${Math.min(...defaults).toFixed(2)} s)`,
);

const big = engine(10_000_000, 2);
console.log("\n10,000,000 members × 365 days × 2 arms, 2 workers");
console.log(`  wall time            ${big.wall.toFixed(1)} s (CPU ${big.cpu.toFixed(1)} s)`);
console.log(
  `  member-days / s      ${(rate(big) / 1e6).toFixed(1)} M per core; events ${(big.events / big.wall / big.workers / 1e6).toFixed(1)} M / s per core`,
);
console.log(
  `  peak memory          ${mb(big.peakBytes)} (${((big.peakBytes - big.baselineBytes) / big.members).toFixed(0)} bytes per member)`,
);

console.log("\nscaling (wall seconds; member-days per second per core):");
console.log("  members     1 worker              2 workers");
const table: Record<number, Run[]> = {};
for (const members of [100_000, 1_000_000, 4_000_000]) {
  table[members] = [1, 2].map((w) => engine(members, w));
  const cells = table[members].map((r) =>
    `${r.wall.toFixed(2)} s  ${(rate(r) / 1e6).toFixed(1)} M/core`.padEnd(22),
  );
  console.log(
    `  ${members.toLocaleString("en-US").padEnd(10)}  ${cells.join("")}  peak ${mb(table[members][1].peakBytes)}`,
  );
}
const ratio = table[4_000_000][1].wall / table[1_000_000][1].wall;
console.log(`  4 M / 1 M time with 2 workers: ${ratio.toFixed(2)} × (target ≤ 4.4 ×)`);

console.log("\nimport and fit (69,659-row CDNOW-size log):");
console.log(
  execFileSync(process.execPath, ["--import", "tsx", here("./fit.ts")], { encoding: "utf8" })
    .trim()
    .replace(/^/gm, "  "),
);

console.log("\nsweeps (bench/sweep.ts):");
console.log(
  execFileSync(process.execPath, ["--import", "tsx", here("./sweep.ts"), "--rounds", "1"], {
    encoding: "utf8",
  })
    .trim()
    .replace(/^/gm, "  "),
);

console.log("\ndashboard in Chromium (bench/browser.ts): default run, Run click to results shown:");
const page = JSON.parse(
  execFileSync(process.execPath, ["--import", "tsx", here("./browser.ts")], { encoding: "utf8" })
    .trim()
    .split("\n")
    .at(-1)!,
);
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
for (const [label, key] of [
  ["Run at once", "cold"],
  ["Run after 5 s", "afterIdle"],
  ["the next run", "nextRun"],
] as const) {
  const part = page[key];
  console.log(
    `  ${label.padEnd(14)} median ${secs(part.medianMs)} (runs ${part.runsMs.map(secs).join(", ")})`,
  );
}
console.log(`  ${page.workers} workers, Chromium ${page.chromium}; target < 1.5 s`);
