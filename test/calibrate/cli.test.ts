import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../sim/cli/main.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "retention-lab-fit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Spawning the real CLI is slow (tsx compiles on start), so one success and one failure.
function spawnFit(args: string[]) {
  return spawnSync(process.execPath, ["bin/retention-lab.js", "fit", ...args], {
    cwd: root,
    encoding: "utf8",
  });
}

describe("retention-lab fit", () => {
  it("fits the CDNOW sample and writes the JSON report and a scenario", () => {
    const json = join(dir, "fit.json");
    const scenario = join(dir, "scenario.json");
    const run = spawnFit([
      "--transactions",
      "data/cdnow/CDNOW_sample.txt",
      "--columns",
      "2,3,5",
      "--calibration-end",
      "1997-09-30",
      "--unit",
      "week",
      "--json",
      json,
      "--scenario-out",
      scenario,
    ]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/BG\/NBD, log-likelihood -9582\.43/);
    expect(run.stdout).toMatch(/Gamma-Gamma, 946 repeat buyers, log-likelihood -4055\.92/);
    const report = JSON.parse(readFileSync(json, "utf8"));
    expect(report.customers).toBe(2357);
    expect(report.repeatTransactions).toBe(2457);
    expect(report.bgnbd.r).toBeCloseTo(0.2425945, 3);
    expect(report.gammaGamma.customers).toBe(946);
    expect(report.diagnostics.periods).toHaveLength(78);
    expect(report.badRows).toEqual({ total: 0, byKind: {}, examples: [] });
    const fitted = JSON.parse(readFileSync(scenario, "utf8"));
    expect(fitted.id).toBe("fitted-cdnow-sample");
    expect(fitted.purchase.alpha).toBeCloseTo(report.bgnbd.alpha * 7, 10);
    expect(readdirSync(dir).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });

  it("exits 2 on a missing file with one line naming it, leaving no output file", () => {
    const json = join(dir, "missing.json");
    const run = spawnFit(["--transactions", "no/such/log.csv", "--json", json]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'retention-lab fit: cannot read --transactions "no/such/log.csv": no such file; check the path\n',
    );
    expect(existsSync(json)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith("missing"))).toEqual([]);
  });
});

describe("retention-lab fit options (in process)", () => {
  async function run(args: string[]) {
    let stdout = "";
    let stderr = "";
    const code = await main(["fit", ...args], {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
    });
    return { code, stdout, stderr };
  }
  const cdnow = ["--transactions", "data/cdnow/CDNOW_sample.txt", "--columns", "2,3,5"];

  it("requires --transactions", async () => {
    expect(await run([])).toMatchObject({
      code: 2,
      stderr: "retention-lab fit: fit requires --transactions FILE\n",
    });
  });

  it("refuses an unknown unit, date format or a malformed calibration end, naming the option", async () => {
    expect((await run([...cdnow, "--unit", "month"])).stderr).toBe(
      'retention-lab fit: invalid --unit: "month"; use day or week\n',
    );
    expect((await run([...cdnow, "--date-format", "YMD"])).stderr).toBe(
      'retention-lab fit: invalid --date-format: "YMD"; use DMY or MDY\n',
    );
    expect((await run([...cdnow, "--calibration-end", "30/09/1997"])).stderr).toBe(
      'retention-lab fit: invalid --calibration-end: "30/09/1997"; use YYYY-MM-DD\n',
    );
  });

  it("takes a calibration end after the last purchase as the end of observation: no holdout, said so", async () => {
    const json = join(dir, "observed.json");
    const { code, stdout, stderr } = await run([
      ...cdnow,
      "--calibration-end",
      "1999-01-01",
      "--json",
      json,
    ]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain(
      "calibration 1997-01-01 to 1999-01-01 in weeks, observed 185 days past the last purchase (1998-06-30): no holdout, so the diagnostics cover calibration only",
    );
    expect(stdout).not.toMatch(/^Holdout/m);
    const report = JSON.parse(readFileSync(json, "utf8"));
    expect(report.holdout).toBe(false);
    expect(report.holdoutTransactions).toBe(0);
    expect(report.diagnostics.holdout).toBeNull();
    // Every customer is observed to the end, the last tracked week included, and every purchase
    // of the log is in calibration, as without --calibration-end.
    expect(report.diagnostics.periods.at(-1).end).toBe("1999-01-01");
    const whole = await run([...cdnow, "--json", json]);
    expect(whole.code).toBe(0);
    const all = JSON.parse(readFileSync(json, "utf8"));
    expect(report.repeatTransactions).toBe(all.repeatTransactions);
    expect(all.calibrationEnd).toBe("1998-06-30");
    // Observed longer with no more purchases: less purchasing or more drop-out than to 1998-06-30.
    expect(report.bgnbd.logLik).not.toBe(all.bgnbd.logLik);
  });

  it("refuses a calibration end more than ten years after the last purchase, naming it", async () => {
    const { code, stderr } = await run([...cdnow, "--calibration-end", "2010-01-01"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^retention-lab fit: --calibration-end 2010-01-01 is 4203 days after the last purchase in .*CDNOW_sample\.txt \(1998-06-30\); an observation period may end at most 3650 days after it\n$/,
    );
  });

  it("fails with exit 2 and leaves nothing behind when the JSON cannot be written", async () => {
    const out = join(dir, "no-such-dir", "fit.json");
    const { code, stderr } = await run([...cdnow, "--json", out]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^retention-lab fit: cannot write --json ".*fit\.json": ENOENT/);
    expect(existsSync(join(dir, "no-such-dir"))).toBe(false);
  });

  it("fits the whole log as calibration without --calibration-end, in days", async () => {
    const { code, stdout } = await run([...cdnow, "--unit", "day"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/no holdout \(pass --calibration-end to keep one\)/);
    expect(stdout).toMatch(/alpha .* \(per day\)/);
  });
});
