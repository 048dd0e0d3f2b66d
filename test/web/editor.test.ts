import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILTIN_SCENARIOS } from "../../sim/scenario/builtin.ts";
import { LONG, openDashboard as open, type Served, serveDashboard } from "./browser.ts";

// The input side of issue 11: the playbook editor, the scenario parameters, the timelines and the
// set-up in the URL, in headless Chromium. Screenshots go to tmp/ (kept out of git).
const EDITOR_SCREENSHOT = resolve("tmp/editor.png");
const SHARED_SCREENSHOT = resolve("tmp/shared-link.png");

let served: Served;
beforeAll(async () => {
  served = await serveDashboard();
}, LONG);
afterAll(async () => {
  await served?.close();
});

const openDashboard = (url = served.url) => open({ ...served, url });

const form = "rl-run-form";
const run = (page: Page) => page.locator(`${form} button[type=submit]`);
const playbook = (page: Page, n = 0) => page.locator("rl-playbook-editor").nth(n);
const armCells = (page: Page) => page.locator("rl-arm-table tbody td").allTextContents();
const armIds = (page: Page) =>
  page
    .locator("rl-arm-table thead th[data-arm]")
    .evaluateAll((cells) => cells.map((c) => c.getAttribute("data-arm")));

type Dashboard = { report: { alpha: number } | null; runState: string };

/** Waits until the page shows a finished report other than the one kept in `window[before]`. */
async function settled(page: Page, before: string) {
  await page.waitForFunction(
    (old) => {
      const d = document.querySelector("rl-dashboard") as unknown as Dashboard;
      return (
        d.runState === "done" &&
        d.report !== null &&
        d.report !== (window as unknown as Record<string, unknown>)[old]
      );
    },
    before,
    { timeout: LONG },
  );
  await page.locator("rl-arm-table table").waitFor();
}

/** Runs and waits for the new report. */
async function runAndWait(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { previous: unknown }).previous = (
      document.querySelector("rl-dashboard") as unknown as Dashboard
    ).report;
  });
  await run(page).click();
  await settled(page, "previous");
}

describe("the playbook editor, scenario parameters and shared links in headless Chromium", () => {
  it(
    "bad JSON in the playbook editor shows an inline error naming the path and disables Run; a valid edit runs as an arm",
    async () => {
      const { page, problems } = await openDashboard();
      await page.locator(`${form} select[name=playbook-template]`).selectOption("t-plus-7");
      await page.locator(`${form} button[name=add-playbook]`).click();
      const editor = playbook(page);
      const textarea = editor.getByLabel("Edited playbook 1", { exact: true });
      const valid = await textarea.inputValue();
      expect(JSON.parse(valid)).toMatchObject({ id: "t-plus-7-edited", rules: expect.any(Array) });
      await expect.poll(() => editor.locator(".ok").textContent()).toContain("t-plus-7-edited");
      await expect.poll(() => run(page).isEnabled()).toBe(true);

      // Not JSON at all: the parser's words, under the editor's name.
      await textarea.fill(valid.slice(0, 40));
      await expect
        .poll(() => editor.locator("[role=alert]").textContent())
        .toMatch(/^edited playbook 1: not valid JSON — /);
      expect(await textarea.getAttribute("aria-invalid")).toBe("true");
      expect(await run(page).isDisabled()).toBe(true);

      // JSON, but a bad field: the CLI's message naming the path.
      await textarea.fill(valid.replace('"delayDays": 3', '"delayDays": -3'));
      await expect
        .poll(() => editor.locator("[role=alert]").textContent())
        .toBe("edited playbook 1: rules[2].delayDays must be ≥ 0, got -3");
      expect(await run(page).isDisabled()).toBe(true);
      await textarea.fill(valid.replace('"on": "joined"', '"on": "joind"'));
      await expect
        .poll(() => editor.locator("[role=alert]").textContent())
        .toMatch(/^edited playbook 1: rules\[0\]\.on /);
      expect(await run(page).isDisabled()).toBe(true);

      // Fixed: T+3 becomes T+2, the timeline shows it, and the edit runs beside the built-ins.
      await textarea.fill(valid.replace('"delayDays": 3', '"delayDays": 2'));
      await expect.poll(() => run(page).isEnabled()).toBe(true);
      expect(await editor.locator("[role=alert]").count()).toBe(0);
      const timeline = page.locator('rl-strategy-timeline article[data-arm="t-plus-7-edited"]');
      await expect.poll(() => timeline.locator("li.day[data-day='2']").count()).toBe(1);
      expect(
        await page
          .locator('rl-strategy-timeline article[data-arm="t-plus-7"] li.day[data-day="3"]')
          .count(),
      ).toBe(1);
      await page.locator(`${form} input[name=members]`).fill("3000");
      await runAndWait(page);
      expect(await armIds(page)).toEqual(["t-plus-7", "scenario-nurture", "t-plus-7-edited"]);
      await page.screenshot({ path: EDITOR_SCREENSHOT, fullPage: true });
      expect(problems).toEqual([]);
    },
    LONG,
  );

  it(
    "a scenario parameter edit with a bad value shows an inline message and blocks Run; Reset to default clears it",
    async () => {
      const { page, problems } = await openDashboard();
      const editor = page.locator("rl-scenario-editor");
      await editor.locator("summary").click();
      await editor.locator("button[data-section=fatigue]").click();
      const textarea = editor.getByLabel("Edited parameters (JSON)");
      const copied = JSON.parse(await textarea.inputValue());
      expect(copied.fatigue.halfLifeDays).toBe(BUILTIN_SCENARIOS[0].fatigue.halfLifeDays);
      await expect.poll(() => run(page).isEnabled()).toBe(true);

      await textarea.fill('{ "fatigue": { "halfLifeDays": -1 } }');
      await expect
        .poll(() => editor.locator("[role=alert]").textContent())
        .toBe("scenario parameters: fatigue.halfLifeDays must be > 0, got -1");
      expect(await textarea.getAttribute("aria-invalid")).toBe("true");
      expect(await run(page).isDisabled()).toBe(true);
      await textarea.fill('{ "fatigue": { "halfLife": 2 } }');
      await expect
        .poll(() => editor.locator("[role=alert]").textContent())
        .toMatch(/^scenario parameters: fatigue\.halfLife /);

      // Reset by keyboard: focus the button and press Enter.
      await editor.locator("button[name=reset-scenario]").focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => textarea.inputValue()).toBe("");
      await expect.poll(() => run(page).isEnabled()).toBe(true);
      expect(await editor.locator("[role=alert]").count()).toBe(0);
      expect(problems).toEqual([]);
    },
    LONG,
  );

  it(
    "a shared URL reloads to the same set-up and, after Run, the same numbers",
    async () => {
      const first = await openDashboard();
      const page = first.page;
      await page.locator(`${form} select[name=scenario]`).selectOption("dtc-dairy");
      await page.locator(`${form} input[name=arm][value=control]`).check();
      await page.locator(`${form} input[name=arm][value=scenario-nurture]`).uncheck();
      await page.locator(`${form} select[name=playbook-template]`).selectOption("win-back");
      await page.locator(`${form} button[name=add-playbook]`).click();
      const pasted = (await playbook(page).locator("textarea").inputValue()).replace(
        '"value": 20',
        '"value": 25',
      );
      await playbook(page).locator("textarea").fill(pasted);
      const editor = page.locator("rl-scenario-editor");
      await editor.locator("summary").click();
      const patch = '{ "fatigue": { "halfLifeDays": 2 }, "spend": { "gamma": 120 } }';
      await editor.locator("textarea").fill(patch);
      await page.locator(`${form} input[name=members]`).fill("4,000");
      await page.locator(`${form} input[name=days]`).fill("120");
      await page.locator(`${form} input[name=seed]`).fill("7");
      await runAndWait(page);
      expect(await armIds(page)).toEqual(["control", "t-plus-7", "win-back-edited"]);
      await page.evaluate(() => {
        (window as unknown as { previous: unknown }).previous = (
          document.querySelector("rl-dashboard") as unknown as Dashboard
        ).report;
      });
      await page.locator("rl-ab-table select[name=alpha]").selectOption("0.01");
      await settled(page, "previous");
      const alpha = () =>
        (document.querySelector("rl-dashboard") as unknown as Dashboard).report?.alpha;
      expect(await page.evaluate(alpha)).toBe(0.01);
      const cells = await armCells(page);
      expect(cells.length).toBeGreaterThan(20);
      const link = page.url();
      expect(link).toMatch(/#s=[A-Za-z0-9_-]+$/);

      const second = await openDashboard(link);
      const again = second.page;
      expect(await again.locator(`${form} select[name=scenario]`).inputValue()).toBe("dtc-dairy");
      const checked = await again
        .locator(`${form} input[name=arm]:checked`)
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
      expect(checked).toEqual(["control", "t-plus-7"]);
      expect(await again.locator(`${form} input[name=members]`).inputValue()).toBe("4,000");
      expect(await again.locator(`${form} input[name=days]`).inputValue()).toBe("120");
      expect(await again.locator(`${form} input[name=seed]`).inputValue()).toBe("7");
      expect(await playbook(again).locator("textarea").inputValue()).toBe(pasted);
      expect(await again.locator("rl-scenario-editor textarea").inputValue()).toBe(patch);
      expect(await again.locator(`${form} .notice`).count()).toBe(0);

      await runAndWait(again);
      expect(await armIds(again)).toEqual(["control", "t-plus-7", "win-back-edited"]);
      expect(await again.locator("rl-ab-table select[name=alpha]").inputValue()).toBe("0.01");
      expect(await armCells(again)).toEqual(cells);
      await again.screenshot({ path: SHARED_SCREENSHOT, fullPage: true });
      expect(first.problems).toEqual([]);
      expect(second.problems).toEqual([]);
    },
    LONG,
  );

  it.each([
    ["damaged", "#s=%%%not-base64"],
    [
      "unknown strategy",
      `#s=${Buffer.from(JSON.stringify({ v: 1, sc: "dtc-dairy", a: ["control", "spam"], m: "5", d: "5", s: "1" })).toString("base64url")}`,
    ],
  ])(
    "a %s link shows an inline message and falls back to the defaults",
    async (_, hash) => {
      const { page, problems } = await openDashboard(`${served.url}${hash}`);
      await expect
        .poll(() => page.locator(`${form} .notice`).textContent())
        .toMatch(/^The link's set-up was not used \(.+\); the form shows the defaults\.$/);
      expect(await page.locator(`${form} select[name=scenario]`).inputValue()).toBe(
        BUILTIN_SCENARIOS[0].id,
      );
      const checked = await page
        .locator(`${form} input[name=arm]:checked`)
        .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
      expect(checked).toEqual(["t-plus-7", "scenario-nurture"]);
      expect(await run(page).isEnabled()).toBe(true);
      expect(problems).toEqual([]);
    },
    LONG,
  );
});
