import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../sim/cli/main.ts";

const run = async (argv: string[]) => {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
};

describe("retention-lab compare: figures that mean what they say", () => {
  it("prints, writes and saves the incremental figures against control, led by incremental ROI", async () => {
    const dir = mkdtempSync(join(tmpdir(), "retention-lab-"));
    const json = join(dir, "report.json");
    const result = await run([
      "compare",
      "--arms",
      "control,t-plus-7",
      "--members",
      "3000",
      "--json",
      json,
      "--csv",
      join(dir, "csv"),
      "--quiet",
    ]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    const at = (pattern: RegExp) => lines.findIndex((l) => pattern.test(l));
    expect(at(/^incremental ROI vs control\s+—\s+-?[\d,]+\.\d\d$/)).toBeGreaterThan(0);
    expect(at(/^incremental ROI vs control/)).toBeLessThan(at(/^revenue per member/));
    expect(at(/^revenue per member/)).toBeLessThan(at(/^ROI\s/));
    expect(at(/^incremental net CLV per member vs control \(¥\)/)).toBeGreaterThan(0);
    expect(result.stdout).toMatch(
      /^.*Plain ROI counts baseline revenue the playbook did not cause.*$/m,
    );
    // the default 365 days with the 180-day window: retention is tested, and shown, up to day 185
    expect(at(/^retention day 185\s/)).toBeGreaterThan(0);
    expect(at(/^retention day 365\s/)).toBe(-1);
    expect(result.stdout).toMatch(/^retention day 185\s+t-plus-7\s+[+−]/m);

    const report = JSON.parse(readFileSync(json, "utf8"));
    expect(report.arms[0].vsControl).toBeNull();
    expect(report.arms[1].vsControl).toEqual({
      revenue: expect.any(Number),
      cost: expect.any(Number),
      clvNet: expect.any(Number),
      roi: expect.any(Number),
    });
    expect(report.metrics.map((m: { id: string }) => m.id).slice(0, 3)).toEqual([
      "retention-d30",
      "retention-d90",
      "retention-d185",
    ]);

    const [header, control, treated] = readFileSync(join(dir, "csv", "arms.csv"), "utf8")
      .trim()
      .split("\n")
      .map((l) => l.split(","));
    const column = (name: string) => header.indexOf(name);
    for (const name of ["vsControlRevenue", "vsControlCost", "vsControlClvNet", "vsControlRoi"]) {
      expect(column(name), name).toBeGreaterThan(0);
      expect(control[column(name)], name).toBe("");
    }
    expect(Number(treated[column("vsControlRoi")])).toBeCloseTo(report.arms[1].vsControl.roi, 9);
    expect(Number(treated[column("vsControlRevenue")])).toBeCloseTo(
      report.arms[1].vsControl.revenue,
      9,
    );
  });

  it("says how to get incremental ROI when no arm is control", async () => {
    const result = await run(["compare", "--members", "2000", "--days", "120", "--quiet"]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/^incremental/m); // no rows, only the note
    expect(result.stdout).toMatch(
      /Plain ROI counts baseline revenue the playbook did not cause: add a control arm/,
    );
  });
});
