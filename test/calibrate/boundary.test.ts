import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { calibrateText, importTransactions } from "../../sim/calibrate/index.ts";
import { main } from "../../sim/cli/main.ts";
import { normalizeScenario } from "../../sim/scenario/normalize.ts";
import { bgnbdLog, uniformLog } from "./synthetic-log.ts";

// The logs of issue 9, generated here (seeded), each fitted by the CLI in process: every one ends
// in a fit or one error line with exit 2, never a hang, a NaN or a stack trace. The timeouts only
// stop a runaway; they are no speed test.
const RUNAWAY = 120_000;
const dir = mkdtempSync(join(tmpdir(), "retention-lab-boundary-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, lines: Iterable<string>): string {
  const path = join(dir, name);
  writeFileSync(path, `${[...lines].join("\n")}\n`);
  return path;
}

async function runFit(file: string, ...args: string[]) {
  let stdout = "";
  let stderr = "";
  const json = join(dir, `${file.split("/").pop()}.json`);
  const scenario = join(dir, `${file.split("/").pop()}.scenario.json`);
  const code = await main(
    ["fit", "--transactions", file, "--json", json, "--scenario-out", scenario, ...args],
    {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
    },
  );
  const read = (path: string) => (code === 0 ? JSON.parse(readFileSync(path, "utf8")) : null);
  return { code, stdout, stderr, report: read(json), scenario: read(scenario) };
}

/** Every number in a JSON document is finite (a parameter at an infinite limit is null). */
function finiteEverywhere(value: unknown, path = "$"): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [path];
  if (typeof value === "string") return value.includes("NaN") ? [path] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => finiteEverywhere(v, `${path}[${i}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => finiteEverywhere(v, `${path}.${k}`));
  }
  return [];
}

function expectCleanFit(run: Awaited<ReturnType<typeof runFit>>) {
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(run.stdout).not.toMatch(/NaN|internal error|\bat \w+ \(/);
  expect(finiteEverywhere(run.report)).toEqual([]);
  // The scenario goes to the simulator as it is.
  expect(() => normalizeScenario(run.scenario, "fitted.json")).not.toThrow();
}

describe("a log with no drop-out signal", () => {
  it(
    "is fitted as the NBD limit, said in words, with a and b without standard errors and why",
    async () => {
      // Issue 9's kind of log: everyone buys 1–11 times on days uniform over 2024.
      const run = await runFit(write("uniform-3000.csv", uniformLog({ customers: 3000, seed: 1 })));
      expectCleanFit(run);
      expect(run.stdout).toContain(
        "At a limit: No evidence of drop-out in this log (drop-out would raise the log-likelihood by only 0.48, likelihood-ratio p = 0.165): the fit is the NBD limit; predictions assume nobody leaves (a/(a + b) → 0).",
      );
      expect(run.stdout).toContain(
        "No standard errors for a, b: they sit at a limit, where the log-likelihood is flat in them.",
      );
      const { bgnbd } = run.report;
      expect(bgnbd.a).toBe(0);
      expect(bgnbd.b).toBeNull();
      expect(bgnbd.standardErrors.a).toBeNull();
      expect(bgnbd.standardErrors.r).toBeGreaterThan(0);
      expect(bgnbd.boundary.limits[0].parameters).toBe("a/(a + b) → 0");
      expect(bgnbd.dropOutTest.p).toBeGreaterThan(0.05);
      expect(bgnbd.logLik).toBe(bgnbd.nbd.logLik);
      // BG/NBD's own maximum is reported beside it, a little higher.
      expect(bgnbd.maximumLikelihood.logLik - bgnbd.logLik).toBeCloseTo(0.48, 2);
      // The simulator gets "nobody leaves" as closely as its bounds allow.
      expect(run.scenario.purchase).toMatchObject({ a: 1e-6, b: 1 });
      expect(run.scenario.description).toContain("nobody leaves as a = 1e-6, b = 1");
    },
    RUNAWAY,
  );

  it(
    "fits issue 9's 50,000-row log (8,300 customers) that once ran 3 minutes into an internal error",
    async () => {
      const run = await runFit(write("uniform-8300.csv", uniformLog({ customers: 8300, seed: 2 })));
      expectCleanFit(run);
      expect(run.report.customers).toBe(8300);
      expect(run.stdout).toMatch(/^ {2}At a limit: .*\(a \+ b → 0\)\.$/m);
      expect(run.report.gammaGamma.boundary).toBeNull();
    },
    RUNAWAY,
  );
});

describe("drop-out or purchase rates the same for every customer", () => {
  it(
    "reports the limits a, b → ∞ and r, α → ∞ in words, with the drop-out probability",
    async () => {
      const lines = bgnbdLog({
        customers: 5000,
        seed: 2,
        params: { r: 1e6, alpha: 1e6 / 0.05, a: 3e5, b: 7e5 },
        joinDays: 90,
        days: 365,
      });
      const run = await runFit(write("same.csv", lines));
      expectCleanFit(run);
      expect(run.stdout).toMatch(
        /Every customer has the same drop-out probability, 0\.29\d* after each purchase \(a, b → ∞\); every active customer buys at the same rate, 0\.34\d* per week \(the Poisson limit\) \(r, α → ∞\)\./,
      );
      const { bgnbd } = run.report;
      expect([bgnbd.r, bgnbd.alpha, bgnbd.a, bgnbd.b]).toEqual([null, null, null, null]);
      expect(bgnbd.model.mu).toBeCloseTo(0.3, 1);
      expect(bgnbd.model.m).toBeCloseTo(0.35, 1);
      expect(run.scenario.purchase.a + run.scenario.purchase.b).toBeCloseTo(1e6, 0);
    },
    RUNAWAY,
  );
});

describe("a log with a single repeat buyer", () => {
  it(
    "fits, at limits said in words, and leaves spend out with the reason",
    async () => {
      const once = Array.from(
        { length: 200 },
        (_, i) => `c${i},2024-0${1 + (i % 9)}-1${i % 10},${10 + (i % 7)}`,
      );
      const run = await runFit(
        write("single.csv", ["id,date,amount", ...once, "c0,2024-11-20,15"]),
      );
      expectCleanFit(run);
      expect(run.report.repeatTransactions).toBe(1);
      expect(run.stdout).toContain("At a limit: No evidence of drop-out in this log:");
      expect(run.stdout).toContain(
        "Gamma-Gamma not fitted: one repeat buyer (mean repeat amount 15) is too few to fit spend across customers",
      );
      expect(run.report.gammaGamma).toBeNull();
      expect(run.scenario).not.toHaveProperty("spend");
    },
    RUNAWAY,
  );
});

describe("a log where every customer buys once", () => {
  it(
    "ends with one error line and exit 2",
    async () => {
      const path = write(
        "once.csv",
        Array.from(
          { length: 500 },
          (_, i) => `c${i},2024-03-${String(1 + (i % 28)).padStart(2, "0")},9.5`,
        ),
      );
      const run = await runFit(path);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toBe(
        `retention-lab fit: ${path}: no customer bought again by the calibration end 2024-03-28, so there is nothing to fit; pass a later --calibration-end or a longer log\n`,
      );
    },
    RUNAWAY,
  );
});

describe("extreme spend values", () => {
  const base = [...uniformLog({ customers: 2000, seed: 5 })];
  const scaled = (factor: number) =>
    base.map((line) => {
      const [id, date, amount] = line.split(",");
      return `${id},${date},${Number(amount) * factor}`;
    });

  it(
    "fits the same p and q in trillions or billionths, γ scaled, and keeps such spend out of the simulator with the reason",
    async () => {
      const plain = calibrateText("plain.csv", base.join("\n"), { unit: "week" });
      for (const factor of [1e12, 1e-9]) {
        const run = await runFit(write(`scaled-${factor}.csv`, scaled(factor)));
        expectCleanFit(run);
        const gg = run.report.gammaGamma;
        const want = plain.gammaGamma?.params ?? { p: 0, q: 0, gamma: 0 };
        expect(Math.abs(gg.p / want.p - 1)).toBeLessThan(1e-5);
        expect(Math.abs(gg.q / want.q - 1)).toBeLessThan(1e-5);
        expect(Math.abs(gg.gamma / (want.gamma * factor) - 1)).toBeLessThan(1e-5);
      }
      const trillions = await runFit(write("trillions.csv", scaled(1e12)));
      expect(trillions.scenario).not.toHaveProperty("spend");
      expect(trillions.scenario.description).toMatch(
        /spend left to the defaults: a mean of [\d.e+]+ per purchase is outside the simulator's range/,
      );
    },
    RUNAWAY,
  );

  it(
    "fits amounts from a cent to a hundred trillion in one log",
    async () => {
      const wild = base.map((line, i) => {
        const [id, date] = line.split(",");
        return `${id},${date},${[0.01, 1e14, 3.5, 77][i % 4]}`;
      });
      const run = await runFit(write("wild.csv", wild));
      expectCleanFit(run);
      expect(run.report.gammaGamma.customers).toBeGreaterThan(1000);
    },
    RUNAWAY,
  );

  it(
    "skips amounts over 1e15 as bad rows listed by line, and fits the rest",
    async () => {
      const lines = [...base];
      lines[3] = lines[3].replace(/,[^,]*$/, ",2e16");
      lines[10] = lines[10].replace(/,[^,]*$/, ",1e308");
      const run = await runFit(write("huge.csv", lines));
      expectCleanFit(run);
      expect(run.report.badRows.byKind).toEqual({ "amount too large": 2 });
      expect(run.report.badRows.examples.map((e: { line: number }) => e.line)).toEqual([4, 11]);
      expect(run.stdout).toContain("Bad rows skipped: 2 (2 amount too large)");
    },
    RUNAWAY,
  );

  it(
    "says why there is no spend fit when every repeat buyer's mean amount is the same",
    async () => {
      // One row per customer and day, so no same-day merge makes a 20.
      const days = new Set<string>();
      const flat = base
        .map((line) => line.replace(/,[^,]*$/, ",10"))
        .filter((line) => {
          const key = line.split(",").slice(0, 2).join();
          if (days.has(key)) return false;
          days.add(key);
          return true;
        });
      const run = await runFit(write("flat.csv", flat));
      expectCleanFit(run);
      expect(run.stdout).toContain(
        "Gamma-Gamma not fitted: every repeat buyer's mean repeat amount is 10: no spread to fit",
      );
    },
    RUNAWAY,
  );

  it(
    "reports p → ∞ in words when customers spend the same on every purchase but for a few same-day totals",
    async () => {
      const run = await runFit(
        write(
          "nearly-flat.csv",
          base.map((l) => l.replace(/,[^,]*$/, ",10")),
        ),
      );
      expectCleanFit(run);
      expect(run.stdout).toContain(
        "At a limit: Each customer spends nearly the same amount on every purchase (p → ∞).",
      );
      expect(run.report.gammaGamma.standardErrors).toEqual({ p: null, q: null, gamma: null });
      expect(run.report.gammaGamma.standardErrorNote).toMatch(/sits at a bound of the search/);
    },
    RUNAWAY,
  );

  it(
    "fits a tiny log whose customers each always spend the same, into a scenario the simulator accepts",
    async () => {
      // The dashboard once failed on this with "spend.p must be ≤ 1000000000".
      const tiny = [
        "customer,date,amount",
        "a,2024-01-03,10",
        "a,2024-02-10,10",
        "a,2024-03-15,10",
        "b,2024-01-05,20",
        "b,2024-04-01,20",
        "c,2024-01-09,35",
        "c,2024-02-01,35",
        "c,2024-05-20,35",
        "d,2024-02-02,5",
        "d,2024-02-20,5",
        "e,2024-03-01,12",
        "f,2024-03-05,80",
      ];
      const run = await runFit(write("tiny.csv", tiny));
      expectCleanFit(run);
      expect(run.scenario.spend.p).toBeLessThanOrEqual(1e9);
    },
    RUNAWAY,
  );
});

describe("progress on long imports", () => {
  it("reports each tenth of the file read and the lines so far", async () => {
    const path = write("progress.csv", uniformLog({ customers: 300, seed: 3 }));
    const seen: { share: number; lines: number }[] = [];
    const log = await importTransactions(path, { onProgress: (p) => seen.push(p) });
    // A small file is one chunk: one report, at the end.
    expect(seen).toEqual([{ share: 1, lines: log.rows }]);
  });

  it(
    "prints progress lines on stderr for a log over 8 MB, and none with --quiet",
    async () => {
      const path = write("big.csv", uniformLog({ customers: 65_000, seed: 4 }));
      const loud = await runFit(path);
      expect(loud.code).toBe(0);
      const lines = loud.stderr.trim().split("\n");
      expect(lines[0]).toMatch(/^reading .*big\.csv: 10 % \([\d,]+ lines\)$/);
      expect(lines).toContainEqual(expect.stringMatching(/: 100 % \(3\d\d,\d{3} lines\)$/));
      expect(lines.at(-1)).toMatch(
        /^fitting BG\/NBD and Gamma-Gamma to 65,000 customers \([\d,]+ distinct records\)$/,
      );
      const quiet = await runFit(path, "--quiet");
      expect(quiet.stderr).toBe("");
      expect(quiet.stdout).toBe(loud.stdout);
    },
    RUNAWAY,
  );
});
