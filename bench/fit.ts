/**
 * Speed of `retention-lab fit` on a log the size of the full CDNOW cohort: 69,659 rows built from
 * CDNOW_sample.txt repeated with offset customer ids (each copy's dates shifted by its index in
 * days, so the copies are not identical). Run: node --import tsx bench/fit.ts [rows]
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { calibrate, formatDay, parseDate } from "../sim/calibrate/index.ts";

const rows = Number(process.argv[2] ?? 69_659);
const sample = readFileSync(
  fileURLToPath(new URL("../data/cdnow/CDNOW_sample.txt", import.meta.url)),
  "utf8",
)
  .trim()
  .split(/\r?\n/)
  .map((line) => line.trim().split(/\s+/));

const dir = mkdtempSync(join(tmpdir(), "retention-lab-bench-"));
const file = join(dir, "cdnow-like.txt");
// Written in chunks so the peak memory below is the import's, not the generator's.
const fd = openSync(file, "w");
let chunk: string[] = [];
for (let copy = 0, written = 0; written < rows; copy++) {
  for (const [, id, date, , dollars] of sample) {
    if (written++ >= rows) break;
    const day = (parseDate(date) as number) + copy;
    chunk.push(`${copy * 10_000 + Number(id)} ${formatDay(day).replaceAll("-", "")} ${dollars}\n`);
    if (chunk.length === 10_000) {
      writeSync(fd, chunk.join(""));
      chunk = [];
    }
  }
}
writeSync(fd, chunk.join(""));
closeSync(fd);

const start = performance.now();
const result = await calibrate(file, {
  calibrationEnd: parseDate("1997-09-30") as number,
  unit: "week",
});
const seconds = (performance.now() - start) / 1000;
rmSync(dir, { recursive: true, force: true });

const { r, alpha, a, b } = result.bgnbd.params;
console.log(
  `fit: ${rows.toLocaleString("en-US")} rows, ${result.summary.customers.length.toLocaleString("en-US")} customers: ` +
    `import, summaries, BG/NBD + Gamma-Gamma fits and diagnostics in ${seconds.toFixed(2)} s ` +
    `(r ${r.toFixed(4)}, alpha ${alpha.toFixed(4)}, a ${a.toFixed(4)}, b ${b.toFixed(4)}; ` +
    `RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB)`,
);
