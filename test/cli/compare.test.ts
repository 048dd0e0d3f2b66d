import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { main } from "../../sim/cli/main.ts";

const run = async (argv: string[]) => {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
};
const scratch = () => mkdtempSync(join(tmpdir(), "retention-lab-"));

describe("retention-lab compare", () => {
  it("prints a per-arm table and writes the JSON report other tools read", async () => {
    const dir = scratch();
    const json = join(dir, "report.json");
    const result = await run([
      "compare",
      "--members",
      "4000",
      "--days",
      "120",
      "--json",
      json,
      "--csv",
      join(dir, "csv"),
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/t-plus-7\s+scenario-nurture/);
    expect(result.stdout).toMatch(/churn: over-messaging/);
    const report = JSON.parse(readFileSync(json, "utf8"));
    expect(report).toMatchObject({
      scenario: "knowledge-course",
      seed: 1,
      members: 4000,
      days: 120,
    });
    for (const arm of report.arms) {
      for (const key of [
        "strategy",
        "members",
        "retention",
        "churn",
        "optOuts",
        "converted",
        "purchases",
        "revenue",
        "clvPerMember",
        "messages",
        "cost",
        "revenueShareTop",
      ]) {
        expect(arm).toHaveProperty(key);
      }
      expect(arm.retention).toHaveLength(121);
      expect(Object.keys(arm.revenueShareTop)).toEqual(["1", "5", "10", "20"]);
      expect(arm.churn).toEqual({ natural: expect.any(Number), overMessaging: expect.any(Number) });
    }
    expect(readdirSync(join(dir, "csv")).sort()).toEqual([
      "arms.csv",
      "daily.csv",
      "retention.csv",
      "stage-mix.csv",
    ]);
  });

  it("writes byte-identical JSON with --workers 1, 2 and 3", async () => {
    const dir = scratch();
    const texts: string[] = [];
    for (const workers of ["1", "2", "3"]) {
      const path = join(dir, `w${workers}.json`);
      const result = await run([
        "compare",
        "--members",
        "25000",
        "--workers",
        workers,
        "--json",
        path,
      ]);
      expect(result.code).toBe(0);
      texts.push(readFileSync(path, "utf8"));
    }
    expect(texts[1]).toBe(texts[0]);
    expect(texts[2]).toBe(texts[0]);
  });

  it("lists the built-in scenarios and strategies as JSON", async () => {
    const result = await run(["list", "--json"]);
    const listed = JSON.parse(result.stdout);
    expect(listed.scenarios[0]).toMatchObject({ id: "knowledge-course", name: expect.any(String) });
    expect(listed.strategies.map((s: { id: string }) => s.id)).toContain("scenario-nurture");
  });

  it.each([
    [
      ["compare", "--scenario", "mars"],
      /unknown scenario "mars"; built-in scenarios: knowledge-course/,
    ],
    [["compare", "--arms", "control,nope"], /unknown strategy "nope"/],
    [["compare", "--members", "-5"], /option --members must be from 1 to 50,000,000, got -5/],
    [["compare", "--members", "abc"], /option --members must be a number, got "abc"/],
    [["compare", "--days", "NaN"], /option --days must be a number, got "NaN"/],
    [["compare", "--seed", "1.5"], /option --seed must be a whole number, got "1.5"/],
    [["compare", "--members"], /option --members requires a value/],
    [["compare", "--memebrs", "5"], /unknown option --memebrs/],
    [["compare", "--split", "1,0"], /option --split requires 2 positive numbers/],
    [["frobnicate"], /unknown command "frobnicate"/],
    [
      ["compare", "--members", "3", "--workers", "4"],
      /option --workers \(4\) must not exceed --members \(3\)/,
    ],
    [["compare", "--workers", "0"], /option --workers must be from 1 to 64, got 0/],
  ])("refuses %j with exit code 2 and one clear line", async (argv, message) => {
    const result = await run(argv as string[]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("names the file and field of a bad playbook and writes no output", async () => {
    const dir = scratch();
    const bad = join(dir, "x.json");
    writeFileSync(
      bad,
      JSON.stringify({
        id: "x",
        rules: [{ on: "joined", delayDays: -1, message: { kind: "welcome", channel: "sms" } }],
      }),
    );
    const out = join(dir, "out.json");
    const result = await run(["compare", "--arms", `control,${bad}`, "--json", out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${bad}: rules[0].delayDays must be ≥ 0, got -1`);
    expect(existsSync(out)).toBe(false);
  });

  it("names a malformed scenario file", async () => {
    const dir = scratch();
    const bad = join(dir, "broken.json");
    writeFileSync(bad, "{ not json");
    const result = await run(["compare", "--scenario", bad]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`${bad.replaceAll("/", "\\/")}: malformed JSON`));
  });

  it("runs as an installed command: exit code 2 and no stack trace on bad input", async () => {
    const exec = promisify(execFile);
    const failure = await exec("node", ["bin/retention-lab.js", "compare", "--members", "0"]).catch(
      (e) => e,
    );
    expect(failure.code).toBe(2);
    expect(failure.stderr).toMatch(/^retention-lab compare: option --members must be from 1/);
    expect(failure.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});

describe("retention-lab compare: the A/B section", () => {
  it("writes tests, the SRM check and Kaplan-Meier curves, and prints the verdicts", async () => {
    const dir = scratch();
    const json = join(dir, "report.json");
    const result = await run(["compare", "--members", "4000", "--days", "120", "--json", json]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/A\/B tests against t-plus-7 .*holm-adjusted p, α = 0.05/);
    expect(result.stdout).toMatch(/retention day 30\s+scenario-nurture\s+[+−]\d+\.\d pp\s+\[/);
    expect(result.stdout).toMatch(/SRM check: [\d,]+ \/ [\d,]+ members .* — ok/);
    const report = JSON.parse(readFileSync(json, "utf8"));
    expect(report.tests).toHaveLength(5); // retention day 30 only: day 90 has a quarter observed
    expect(report.tests[0]).toMatchObject({
      metric: "retention-d30",
      strategy: "scenario-nurture",
      test: "two-proportion z",
      significant: expect.any(Boolean),
    });
    expect(report.srm).toMatchObject({
      chi2: expect.any(Number),
      p: expect.any(Number),
      flagged: false,
    });
    expect(report.survival.curves[0].survival).toHaveLength(121);
    expect(report.survival.logRank[0]).toMatchObject({ strategy: "scenario-nurture" });
  });

  it("runs --replications 3 --paired, prints the spread and coverage, and shows progress", async () => {
    const dir = scratch();
    const json = join(dir, "report.json");
    const result = await run([
      "compare",
      "--members",
      "2000",
      "--days",
      "90",
      "--arms",
      "control,t-plus-7",
      "--replications",
      "3",
      "--paired",
      "--adjust",
      "BH",
      "--alpha",
      "0.1",
      "--workers",
      "2",
      "--json",
      json,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/true effect\s+in CI/);
    expect(result.stdout).toMatch(/Replications: 3 seeds \(1…3\)/);
    expect(result.stdout).toMatch(/opted out of a channel: t-plus-7 .* \d+\.\d %$/m);
    expect(result.stderr).toMatch(
      /replication 3\/3, t-plus-7: simulating 2,000 members × 90 days: 100 %/,
    );
    const report = JSON.parse(readFileSync(json, "utf8"));
    expect(report).toMatchObject({ alpha: 0.1, adjust: "BH", seed: 1 });
    expect(report.replications).toMatchObject({ count: 3, seeds: [1, 2, 3] });
    expect(report.replications.effects[0]).toMatchObject({
      metric: "retention-d30",
      diff: { mean: expect.any(Number), low: expect.any(Number), high: expect.any(Number) },
      coverage: expect.any(Number),
    });
    expect(report.paired.effects).toHaveLength(report.tests.length);
  });

  it.each([
    [["compare", "--replications", "0"], /option --replications must be from 1 to 10,000, got 0/],
    [["compare", "--alpha", "2"], /option --alpha must be between 0 and 1 \(exclusive\), got 2/],
    [
      ["compare", "--adjust", "sidak"],
      /invalid --adjust: "sidak"; use one of holm, BH, bonferroni, none/,
    ],
    [["compare", "--paired=yes"], /option --paired takes no value/],
  ])("refuses %j with exit code 2 and one clear line", async (argv, message) => {
    const result = await run(argv as string[]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
  });
});
