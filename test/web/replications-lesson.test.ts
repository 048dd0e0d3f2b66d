import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ComparisonSpec } from "../../sim/index.ts";
import { LONG, openDashboard, runWith, type Served, serveDashboard } from "./browser.ts";

// The replications and paired-truth lesson of "Teach and check" (issue 11, item 4).
let served: Served;
let page: Page;
let problems: string[];
const lesson = () => page.locator("rl-replications-lesson");

beforeAll(async () => {
  served = await serveDashboard();
  ({ page, problems } = await openDashboard(served));
  await page.setViewportSize({ width: 1280, height: 900 });
  await runWith(page, "5000");
  await page.locator("rl-scorecard table").waitFor({ timeout: LONG });
}, LONG);
afterAll(async () => {
  await page?.context().close();
  await served?.close();
});

/** The set-up the lesson runs: the dashboard's last request, with the lesson's members. */
/** A signed amount as shown ("+¥1.23", "−4.5 pp") as a number. */
const amount = (text: string) => Number(text.replace("−", "-").replace(/[^\d.+-]/g, ""));

const specOf = (members: number) =>
  page.evaluate((m) => {
    const dashboard = document.querySelector("rl-dashboard") as unknown as {
      lastRequest: { spec: ComparisonSpec };
    };
    return { ...dashboard.lastRequest.spec, members: m };
  }, members);

describe("the replications lesson", () => {
  it("refuses a bad number of seeds inline, naming it, with Run disabled", async () => {
    await lesson().locator("input[name=replications]").fill("0");
    expect(await lesson().locator(".error").first().textContent()).toContain(
      'Seeds must be a whole number from 1 to 100, got "0"',
    );
    expect(await lesson().locator("button[name=run-replications]").isDisabled()).toBe(true);
    expect(await lesson().locator(".card").textContent()).not.toMatch(/NaN|undefined/);
  });

  it("runs 4 seeds and shows each effect's spread and power, as the engine computes them", async () => {
    await lesson().locator("input[name=replications]").fill("4");
    await lesson().locator("input[name=lesson-members]").fill("3000");
    await lesson().locator("button[name=run-replications]").click();
    await lesson().locator("table[data-lesson=replications]").waitFor({ timeout: LONG });

    const spec = await specOf(3000);
    const tests = await page.locator("rl-ab-table tbody tr").count();
    const rows = lesson().locator("table[data-lesson=replications] tbody tr");
    expect(await rows.count()).toBe(tests);
    for (const cells of await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")),
    )) {
      // The mean estimate lies inside its range over seeds; the power is a share of 4 seeds.
      const [mean, low, high] = [cells[2], ...cells[3].slice(1, -1).split(", ")].map(amount);
      expect(mean).toBeGreaterThanOrEqual(low - 0.01);
      expect(mean).toBeLessThanOrEqual(high + 0.01);
      expect(["0 %", "25 %", "50 %", "75 %", "100 %"]).toContain(cells[4]);
    }
    // One dot per seed and arm against the baseline, for the metric chosen (CLV by default).
    expect(await lesson().locator("[data-lesson-chart] svg g[aria-label=dot] circle").count()).toBe(
      4 * (spec.strategies.length - 1),
    );
    expect(await lesson().locator(".card").textContent()).not.toMatch(/NaN|undefined|Infinity/);
  });

  it("puts the true effect beside one seed's estimate in paired mode", async () => {
    await lesson().locator("input[name=replications]").fill("1");
    await lesson().locator("input[name=paired]").check();
    await lesson().locator("button[name=run-replications]").click();
    await lesson().locator("table[data-lesson=paired]").waitFor({ timeout: LONG });
    // Run on the dashboard's own set-up, the lesson's one seed is the dashboard's run: the same
    // estimates as its A/B table, now with the truth beside them.
    await lesson().locator("input[name=lesson-members]").fill("5000");
    await lesson().locator("button[name=run-replications]").click();
    await expect
      .poll(() => lesson().locator("[data-lesson-summary]").textContent(), { timeout: LONG })
      .toContain("5,000 members");
    const heads = await lesson().locator("table[data-lesson=paired] thead th").allTextContents();
    expect(heads.map((h) => h.trim())).toEqual([
      "metric",
      "arm",
      "estimate",
      "interval",
      "true effect",
      "in interval",
    ]);
    const estimates = await lesson()
      .locator("table[data-lesson=paired] tbody tr td:nth-child(3)")
      .allTextContents();
    const abDiffs = await page.locator("rl-ab-table tbody tr td.diff").allTextContents();
    // The A/B table shows the interval after the diff.
    expect(estimates.map((e) => e.trim())).toEqual(
      abDiffs.map((d) => d.trim().replace(/\s*\[.*\]$/, "")),
    );
    for (const cell of await lesson()
      .locator("table[data-lesson=paired] tbody tr td:last-child")
      .allTextContents())
      expect(["yes", "no", "—"]).toContain(cell.trim());
    mkdirSync(resolve("tmp"), { recursive: true });
    await lesson().screenshot({ path: resolve("tmp/replications-lesson.png") });
    expect(problems).toEqual([]);
  });
});
