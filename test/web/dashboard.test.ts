import { mkdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
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
const AB_SCREENSHOT = resolve("tmp/ab-panel.png");
const VERDICT = /^(better, significant|worse, significant|no clear difference)$/;
const BROKEN = /NaN|Infinity|undefined|null|\[object/;

let served: Served;
beforeAll(async () => {
  served = await serveDashboard();
}, LONG);
afterAll(async () => {
  await served?.close();
});

const openDashboard = () => open(served);

describe("the dashboard in headless Chromium", () => {
  it(
    "runs the default comparison and shows the per-arm table, the A/B panel, the charts and a JSON download",
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
      await expect.poll(() => page.locator("rl-km-chart svg").count()).toBeGreaterThan(0);
      await expect.poll(() => page.locator("rl-stage-mix-chart svg").count()).toBeGreaterThan(0);
      expect(await page.locator("rl-km-chart svg g[aria-label=line] path").count()).toBe(2);
      expect(await page.locator("rl-km-chart svg g[aria-label=area] path").count()).toBe(2);
      expect(await page.locator("rl-km-chart [data-log-rank]").allTextContents()).toEqual([
        expect.stringMatching(/^scenario-nurture vs t-plus-7: χ² [\d.]+, p [<\d.]+$/),
      ]);

      await expect(abPanel(page)).resolves.toMatchObject({
        rows: 7,
        srm: "ok",
        caption: expect.stringContaining("Holm's step-down method"),
      });
      expect(await shadowText(page, "rl-srm-banner")).toMatch(
        /Sample ratio ok \(χ² [\d.]+, p [\d.]+\)/,
      );

      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBe(0);
      // The whole A/B table fits beside the run form, verdicts included, without scrolling.
      const hidden = await page
        .locator("rl-ab-table .scroll")
        .evaluate((box) => box.scrollWidth - box.clientWidth);
      expect(hidden).toBe(0);

      mkdirSync(resolve("tmp"), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      await page.locator("rl-dashboard section.results").screenshot({ path: AB_SCREENSHOT });

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Download JSON" }).click(),
      ]);
      const report = JSON.parse(readFileSync(await download.path(), "utf8"));
      expect(report.members).toBe(20000);
      expect(report.arms.map((a: { strategy: string }) => a.strategy)).toEqual(arms);
      expect(report.tests).toHaveLength(report.metrics.length * (report.arms.length - 1));

      // The run's engine workers wait, warm, for the next run; the report worker lives on with the
      // page (it keeps the run for a re-analysis). A second run reuses them: no worker is added.
      const workers = Number(await page.locator("rl-run-form input[name=workers]").inputValue());
      const counts = await workerCounts(page);
      expect(counts.live).toEqual({ "browser-worker": workers, "report-worker": 1 });
      expect(counts.created).toBe(workers + 1);
      await runWith(page, "10000");
      await expect
        .poll(() => page.locator("rl-dashboard .results-head h2").textContent(), { timeout: LONG })
        .toContain("10,000 members");
      expect(await workerCounts(page)).toEqual(counts);
      expect(problems).toEqual([]);
      await page.context().close();
    },
    LONG,
  );

  it(
    "re-runs the A/B analysis with the α and adjustment picked in the table, for three arms",
    async () => {
      const { page, problems } = await openDashboard();
      await page.locator("rl-run-form input[name=arm][value=control]").check();
      await runWith(page, "20000");
      await page.locator("rl-ab-table table").waitFor({ timeout: LONG });
      // Three arms: each of the 7 metrics for t-plus-7 and scenario-nurture against control.
      await expect(abPanel(page)).resolves.toMatchObject({ rows: 14, srm: "ok" });
      const rawTitles = await page
        .locator("rl-ab-table td.p")
        .evaluateAll((cells) => cells.map((c) => c.getAttribute("title")));
      for (const title of rawTitles) expect(title).toMatch(/^raw p [<\d.]+/);
      const before = await workerCounts(page);

      await page.locator("rl-ab-table select[name=adjust]").selectOption("none");
      await expect
        .poll(() => page.locator("rl-ab-table .caption").textContent(), { timeout: LONG })
        .toContain("p is not adjusted");
      const shown = await page.locator("rl-ab-table td.p").allTextContents();
      expect(shown.map((p) => `raw p ${p.trim()}`)).toEqual(
        rawTitles.map((t) => t?.replace(/;.*| \(.*/, "")),
      );

      await page.locator("rl-ab-table select[name=alpha]").selectOption("0.1");
      await expect
        .poll(() => page.locator("rl-ab-table thead").textContent(), { timeout: LONG })
        .toContain("90 % CI");
      expect(await page.locator("rl-ab-table .caption").textContent()).toContain("α = 0.1");
      expect(await page.locator("rl-ab-table select[name=adjust]").inputValue()).toBe("none");
      // Re-analysed in the report worker: no engine worker started, no member simulated again.
      expect(await workerCounts(page)).toEqual(before);
      expect(await shadowText(page, "rl-run-status")).toContain("no member simulated again");
      await page
        .locator("rl-dashboard section.results")
        .screenshot({ path: resolve("tmp/ab-panel-3-arms.png") });
      await expect(abPanel(page)).resolves.toMatchObject({ rows: 14, srm: "ok" });
      expect(await page.locator("rl-dashboard .results-head h2").textContent()).toContain(
        "20,000 members",
      );
      expect(problems).toEqual([]);
      await page.context().close();
    },
    LONG,
  );

  it(
    "says so when an engine worker cannot load, stops the others, and the next Run works",
    async () => {
      const { page } = await openDashboard();
      // The engine worker's script fails to load once, as on a broken deploy or a lost connection.
      await page.route("**/browser-worker*.js", (route) => route.abort());
      // Loaded again, so the workers started ahead of the first run fail to load too.
      await page.reload();
      await page.locator("rl-run-form button[type=submit]").waitFor();
      await runWith(page, "5000");
      const failed = page.locator("rl-run-status .failed");
      await failed.waitFor({ timeout: LONG });
      expect(await failed.textContent()).toMatch(/^\s*The run failed: a worker failed: \S/);
      expect(await failed.textContent()).not.toMatch(/NaN|undefined|\[object/);
      expect(await page.locator("rl-scorecard table").count()).toBe(0);
      // The failed run's engine workers are all stopped, none kept for the next run.
      const counts = await workerCounts(page);
      expect(counts.created).toBeGreaterThan(0);
      expect(counts.live["browser-worker"]).toBe(0);

      await page.unroute("**/browser-worker*.js");
      await runWith(page, "5000");
      await page.locator("rl-scorecard table").waitFor({ timeout: LONG });
      expect(await page.locator("rl-dashboard .results-head h2").textContent()).toContain(
        "5,000 members",
      );
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
      // Progress and Cancel stay in view when the page is scrolled to its end during the run.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      const cancel = page.getByRole("button", { name: "Cancel" });
      const box = await cancel.boundingBox();
      expect(box?.y).toBeGreaterThanOrEqual(0);
      expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(900);
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
      await cancel.click();
      await page.locator("rl-run-status .cancelled").waitFor({ timeout: 30_000 });
      expect(await page.locator("rl-run-status .cancelled").textContent()).toContain("cancelled");
      expect(await page.locator("rl-arm-table table").count()).toBe(0);
      // Cancel stops every engine worker, the warm ones the run took included.
      const counts = await workerCounts(page);
      expect(counts.created).toBeGreaterThan(0);
      expect(counts.live["browser-worker"]).toBe(0);

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
      const before = await workerCounts(page);
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
      // Nothing was started: the workers are those started ahead of a first run, unused.
      expect(await workerCounts(page)).toEqual(before);
      expect(await page.locator("rl-run-form .errors").textContent()).not.toMatch(
        /Error|at \w+ \(/,
      );
      expect(await page.locator("rl-run-status p").textContent()).toContain("then Run");
      expect(problems).toEqual([]);
      await page.context().close();
    },
    LONG,
  );

  it(
    "keeps Run in view at 1280 × 900 and on a 1280 × 720 projector, on a page just opened and scrolled",
    async () => {
      const { page, problems } = await openDashboard();
      const run = page.locator("rl-run-form button[type=submit]");
      const inView = async () => {
        const box = await run.boundingBox();
        const height = page.viewportSize()?.height ?? 0;
        return box !== null && box.y >= 0 && box.y + box.height <= height;
      };
      for (const height of [900, 720]) {
        await page.setViewportSize({ width: 1280, height });
        await page.evaluate(() => window.scrollTo(0, 0));
        await expect.poll(inView, { message: `opened, ${height} px high` }).toBe(true);
        await page.evaluate(() => window.scrollTo(0, 600));
        await expect.poll(inView, { message: `scrolled, ${height} px high` }).toBe(true);
      }
      expect(problems).toEqual([]);
      await page.context().close();
    },
    LONG,
  );
});

/**
 * Checks the A/B panel of the page's report: a verdict in every row and no broken number anywhere
 * in the A/B table, the SRM banner, the Kaplan–Meier chart or the reading note. Returns the number
 * of rows, the SRM state and the table's caption.
 */
async function abPanel(page: Page) {
  const table = page.locator("rl-ab-table");
  await expect.poll(() => table.locator("tbody tr").count(), { timeout: LONG }).toBeGreaterThan(0);
  await expect.poll(() => page.locator("rl-km-chart svg").count()).toBeGreaterThan(0);
  const rows = await table.locator("tbody tr").count();
  const verdicts = await table.locator("tbody td.verdict").allTextContents();
  expect(verdicts).toHaveLength(rows);
  for (const verdict of verdicts) expect(verdict.trim()).toMatch(VERDICT);
  for (const cell of await table.locator("tbody td, tbody th").allTextContents()) {
    expect(cell.trim()).not.toBe("");
    expect(cell).not.toMatch(BROKEN);
  }
  for (const part of ["rl-srm-banner", "rl-km-chart", "rl-ab-guide", "rl-ab-table"]) {
    const text = await shadowText(page, part);
    expect(text.length).toBeGreaterThan(20);
    expect(text).not.toMatch(BROKEN);
  }
  return {
    rows,
    srm: await page.locator("rl-srm-banner [data-srm]").getAttribute("data-srm"),
    caption: await table.locator(".caption").textContent(),
  };
}

/** The text an element renders in its shadow root (a host's own textContent is empty). */
const shadowText = (page: Page, selector: string) =>
  page.locator(selector).evaluate((host) => host.shadowRoot?.textContent ?? "");
