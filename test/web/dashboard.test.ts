import { mkdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILTIN_SCENARIOS } from "../../sim/scenario/builtin.ts";
import {
  LONG,
  openDashboard as open,
  runWith,
  type Served,
  serveDashboard,
  workerCounts,
} from "./browser.ts";

const SCREENSHOT = resolve("tmp/dashboard.png");

let served: Served;
beforeAll(async () => {
  served = await serveDashboard("dashboard");
}, LONG);
afterAll(async () => {
  await served?.close();
});

const openDashboard = () => open(served);

describe("the dashboard in headless Chromium", () => {
  it(
    "runs the default comparison and shows the per-arm table, both charts and a JSON download",
    async () => {
      const { page, problems } = await openDashboard();
      await expect
        .poll(() => page.locator("rl-run-form select[name=scenario]").inputValue())
        .toBe(BUILTIN_SCENARIOS[0].id);
      const checked = await page
        .locator("rl-run-form input[name=arm]:checked")
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
      expect(checked).toEqual(["t-plus-7", "scenario-nurture"]);
      expect(await page.locator("rl-run-form input[name=days]").inputValue()).toBe("365");

      await runWith(page, "20000");
      await page.locator("rl-arm-table table").waitFor({ timeout: LONG });
      const arms = await page
        .locator("rl-arm-table thead th[data-arm]")
        .evaluateAll((cells) => cells.map((c) => c.getAttribute("data-arm")));
      expect(arms).toEqual(["t-plus-7", "scenario-nurture"]);
      const rows = await page.locator("rl-arm-table tbody tr").count();
      expect(rows).toBeGreaterThanOrEqual(19);
      const cells = await page.locator("rl-arm-table tbody td").allTextContents();
      expect(cells).toHaveLength(rows * 2);
      for (const cell of cells) expect(cell).toMatch(/^-?[\d,]+(\.\d+)?( %)?$/);
      expect(await page.locator("rl-dashboard .results-head h2").textContent()).toContain(
        "20,000 members",
      );
      await expect.poll(() => page.locator("rl-retention-chart svg").count()).toBeGreaterThan(0);
      await expect.poll(() => page.locator("rl-stage-mix-chart svg").count()).toBeGreaterThan(0);
      expect(await page.locator("rl-retention-chart svg g[aria-label=line] path").count()).toBe(2);

      mkdirSync(resolve("tmp"), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Download JSON" }).click(),
      ]);
      const report = JSON.parse(readFileSync(await download.path(), "utf8"));
      expect(report.members).toBe(20000);
      expect(report.arms.map((a: { strategy: string }) => a.strategy)).toEqual(arms);

      const counts = await workerCounts(page);
      expect(counts.created).toBeGreaterThan(0);
      expect(counts.terminated).toBe(counts.created);
      expect(problems).toEqual([]);
      await page.context().close();
    },
    LONG,
  );

  it(
    "cancels a big run, stopping every worker, and runs again afterwards",
    async () => {
      const { page, problems } = await openDashboard();
      await runWith(page, "1000000");
      const progress = page.locator("rl-run-status progress");
      await progress.waitFor({ timeout: LONG });
      await expect
        .poll(() => progress.evaluate((bar) => (bar as HTMLProgressElement).value), {
          timeout: LONG,
        })
        .toBeGreaterThan(0);
      await page.getByRole("button", { name: "Cancel" }).click();
      await page.locator("rl-run-status .cancelled").waitFor({ timeout: 30_000 });
      expect(await page.locator("rl-run-status .cancelled").textContent()).toContain("cancelled");
      expect(await page.locator("rl-arm-table table").count()).toBe(0);
      const counts = await workerCounts(page);
      expect(counts.created).toBeGreaterThan(0);
      expect(counts.terminated).toBe(counts.created);

      await runWith(page, "5000");
      await page.locator("rl-arm-table table").waitFor({ timeout: LONG });
      expect(await page.locator("rl-dashboard .results-head h2").textContent()).toContain(
        "5,000 members",
      );
      expect(problems).toEqual([]);
      await page.context().close();
    },
    LONG,
  );

  it(
    "names the field and value of an invalid members count and runs nothing",
    async () => {
      const { page, problems } = await openDashboard();
      const message = page.locator("rl-run-form .errors li[data-field=members]");
      for (const bad of ["0", "-5", "NaN", "2000001", "12.5", ""]) {
        await runWith(page, bad);
        const text = await message.textContent();
        expect(text).toContain(`invalid members: ${bad === "" ? "(empty)" : bad}`);
        expect(text).toContain("from 1 to 2,000,000");
      }
      expect(
        await page.locator("rl-run-form input[name=members]").getAttribute("aria-invalid"),
      ).toBe("true");
      expect(await page.locator("rl-run-status progress").count()).toBe(0);
      expect(await page.locator("rl-arm-table table").count()).toBe(0);
      expect((await workerCounts(page)).created).toBe(0);
      expect(await page.locator("rl-run-form .errors").textContent()).not.toMatch(
        /Error|at \w+ \(/,
      );
      expect(await page.locator("rl-run-status p").textContent()).toContain("then Run");
      expect(problems).toEqual([]);
      await page.context().close();
    },
    LONG,
  );
});
