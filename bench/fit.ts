/**
 * Speed and memory of `retention-lab fit` (import, summaries, BG/NBD and Gamma-Gamma fits,
 * diagnostics) on generated logs, each fitted in its own child process so its peak memory is its
 * own:
 * - the size of the full CDNOW cohort: 69,659 rows built from CDNOW_sample.txt repeated with
 *   offset customer ids (each copy's dates shifted by its index in days);
 * - the same to 1,000,000 rows;
 * - issue 9's log: 1,000,000 rows, about 170,000 customers buying 1–11 times on days uniform
 *   over 2024 (seeded; test/calibrate/synthetic-log.ts), also timed as the whole CLI command.
 *
 * Run: node --import tsx bench/fit.ts            (all)
 *      node --import tsx bench/fit.ts --child FILE CALIBRATION-END|- COLUMNS|-   (one fit)
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  closeSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { calibrate, formatDay, parseDate } from "../sim/calibrate/index.ts";
import { uniformLog } from "../test/calibrate/synthetic-log.ts";

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

if (process.argv[2] === "--child") {
  const [file, end, columns] = process.argv.slice(3);
  const start = performance.now();
  const cpu = process.cpuUsage();
  const fit = await calibrate(file, {
    unit: "week",
    calibrationEnd: end === "-" ? undefined : (parseDate(end) as number),
    columns: columns === "-" ? undefined : columns,
  });
  const seconds = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  const { bgnbd, gammaGamma } = fit;
  console.log(
    JSON.stringify({
      seconds,
      cpuSeconds: (used.user + used.system) / 1e6,
      peakBytes: process.resourceUsage().maxRSS * 1024,
      rows: fit.log.rows,
      customers: fit.summary.customers.length,
      distinctRecords: bgnbd.distinctRecords,
      evaluations: bgnbd.evaluations,
      params: bgnbd.params,
      boundary: bgnbd.boundary?.message ?? null,
      gammaGammaBoundary: gammaGamma?.boundary?.message ?? null,
    }),
  );
  process.exit(0);
}

/** Writes lines to a file in chunks, so no generator holds the whole log. */
function writeLines(file: string, lines: Iterable<string>, limit = Number.POSITIVE_INFINITY) {
  const fd = openSync(file, "w");
  let chunk: string[] = [];
  let written = 0;
  for (const line of lines) {
    if (written++ >= limit) break;
    chunk.push(line);
    if (chunk.length === 10_000) {
      writeSync(fd, `${chunk.join("\n")}\n`);
      chunk = [];
    }
  }
  if (chunk.length > 0) writeSync(fd, `${chunk.join("\n")}\n`);
  closeSync(fd);
}

function* cdnowLike(rows: number): Generator<string> {
  const sample = readFileSync(here("../data/cdnow/CDNOW_sample.txt"), "utf8")
    .trim()
    .split(/\r?\n/)
    .map((line) => line.trim().split(/\s+/));
  for (let copy = 0, written = 0; ; copy++) {
    for (const [, id, date, , dollars] of sample) {
      if (written++ >= rows) return;
      const day = (parseDate(date) as number) + copy;
      yield `${copy * 10_000 + Number(id)} ${formatDay(day).replaceAll("-", "")} ${dollars}`;
    }
  }
}

type Child = {
  seconds: number;
  cpuSeconds: number;
  peakBytes: number;
  rows: number;
  customers: number;
  distinctRecords: number;
  evaluations: number;
  params: Record<string, number>;
  boundary: string | null;
  gammaGammaBoundary: string | null;
};

function child(file: string, end = "-", columns = "-"): Child {
  const out = execFileSync(
    process.execPath,
    ["--import", "tsx", here("./fit.ts"), "--child", file, end, columns],
    { encoding: "utf8", maxBuffer: 1 << 24 },
  );
  return JSON.parse(out.trim().split("\n").at(-1) as string);
}

const count = (n: number) => n.toLocaleString("en-US");
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const params = (p: Record<string, number>) =>
  Object.entries(p)
    .map(([k, v]) => `${k} ${Number.isFinite(v) ? v.toPrecision(4) : "∞"}`)
    .join(", ");
function show(label: string, r: Child) {
  console.log(
    `${label}: ${count(r.rows)} rows, ${count(r.customers)} customers, ${count(r.distinctRecords)} distinct (x, tx, T): ` +
      `${r.seconds.toFixed(2)} s (${r.cpuSeconds.toFixed(2)} s CPU), peak ${mb(r.peakBytes)} (BG/NBD ${params(r.params)}; ${r.evaluations} likelihood evaluations)`,
  );
  if (r.boundary) console.log(`  BG/NBD at a limit: ${r.boundary}`);
  if (r.gammaGammaBoundary) console.log(`  Gamma-Gamma at a limit: ${r.gammaGammaBoundary}`);
}

const dir = mkdtempSync(join(tmpdir(), "retention-lab-bench-fit-"));
try {
  const cdnowSize = join(dir, "cdnow-like.txt");
  writeLines(cdnowSize, cdnowLike(69_659));
  show("CDNOW size", child(cdnowSize, "1997-09-30", "1,2,3"));

  const cdnowMillion = join(dir, "cdnow-like-1m.txt");
  writeLines(cdnowMillion, cdnowLike(1_000_000));
  show("CDNOW-like, 1 M rows", child(cdnowMillion, "1997-09-30", "1,2,3"));

  const issue = join(dir, "issue-9.csv");
  writeLines(issue, uniformLog({ customers: 170_000, seed: 9 }), 1_000_000);
  const size = statSync(issue).size;
  show(`issue 9's log (${mb(size)})`, child(issue));
  const start = performance.now();
  const cli = spawnSync(
    process.execPath,
    [here("../bin/retention-lab.js"), "fit", "--transactions", issue, "--quiet"],
    { encoding: "utf8", maxBuffer: 1 << 24 },
  );
  const wall = (performance.now() - start) / 1000;
  if (cli.status !== 0) throw new Error(`retention-lab fit failed: ${cli.stderr}`);
  console.log(
    `  the whole command, retention-lab fit --transactions issue-9.csv: ${wall.toFixed(2)} s wall (CLI start and report included; target < 10 s)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
