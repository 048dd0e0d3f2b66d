import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { main } from "../../sim/cli/main.ts";
import { disagreements } from "../../sim/stats/index.ts";

const run = promisify(execFile);
const reference = JSON.parse(readFileSync("test/reference/stats.json", "utf8")) as {
  cases: { id: string; expect: Record<string, unknown> }[];
};

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

describe("retention-lab stats --cases", () => {
  it("prints one result per reference case and every one agrees (node bin/retention-lab.js)", async () => {
    const { stdout } = await run("node", [
      "bin/retention-lab.js",
      "stats",
      "--cases",
      "test/reference/stats.json",
    ]);
    const { results } = JSON.parse(stdout) as {
      results: ({ id: string; output: Record<string, unknown> } | { id: string; error: string })[];
    };
    expect(results.map((r) => r.id).sort()).toEqual(reference.cases.map((c) => c.id).sort());
    const byId = new Map(reference.cases.map((c) => [c.id, c.expect]));
    for (const result of results) {
      expect(
        "output" in result ? disagreements(result.output, byId.get(result.id)!) : result,
      ).toEqual([]);
    }
  });

  it("checks the outputs against expect with --check", async () => {
    const r = await cli("stats", "--cases", "test/reference/stats.json", "--check");
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `${reference.cases.length} of ${reference.cases.length} cases agree with their expect\n`,
    );
  });

  it("names a missing file and exits 2", async () => {
    const r = await cli("stats", "--cases", "no/such/cases.json");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'retention-lab stats: cannot read cases file "no/such/cases.json": no such file\n',
    );
  });

  it("names a file that is not JSON", async () => {
    const r = await cli("stats", "--cases", "test/reference/README.md");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^retention-lab stats: invalid JSON in cases file "test\/reference\/README.md": /,
    );
  });
});

describe("retention-lab stats for people", () => {
  it("lists the subcommands with --help", async () => {
    const r = await cli("stats", "--help");
    expect(r.code).toBe(0);
    for (const name of [
      "two-proportion",
      "welch",
      "power",
      "p-adjust",
      "srm",
      "peeking",
      "--cases",
    ]) {
      expect(r.stdout).toContain(name);
    }
  });

  it("answers a power question with the members per arm", async () => {
    const r = await cli("stats", "power", "--p1", "0.10", "--p2", "0.12");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("3841 per arm, 7682 in total");
  });

  it("answers with the minimum detectable effect given --n, and prints JSON with --json", async () => {
    const r = await cli("stats", "power", "--p1", "0.10", "--n", "3841", "--json");
    const json = JSON.parse(r.stdout);
    expect(json.p2).toBeCloseTo(0.12, 4);
  });

  it("runs a two-proportion test", async () => {
    const r = await cli(
      "stats",
      "two-proportion",
      "--x1",
      "100",
      "--n1",
      "1000",
      "--x2",
      "130",
      "--n2",
      "1000",
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("two-sided p = 0.0355");
    expect(r.stdout).toContain("+3.00 pp");
  });

  it("exits 2 with one clear line on impossible input", async () => {
    const r = await cli(
      "stats",
      "two-proportion",
      "--x1",
      "12",
      "--n1",
      "10",
      "--x2",
      "1",
      "--n2",
      "10",
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "retention-lab stats: two-proportion test requires x1 <= n1, got x1 12 > n1 10\n",
    );
  });

  it("names an unknown subcommand", async () => {
    const r = await cli("stats", "anova");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'unknown stats subcommand "anova"; try: two-proportion, welch, power',
    );
  });
});
