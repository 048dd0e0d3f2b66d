import { mkdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uniformLog } from "../calibrate/synthetic-log.ts";
import { LONG, openDashboard, runWith, type Served, serveDashboard } from "./browser.ts";

const CDNOW = resolve("data/cdnow/CDNOW_sample.txt");
const SCREENSHOT = resolve("tmp/fit-panel.png");

let served: Served;
beforeAll(async () => {
  served = await serveDashboard();
}, LONG);
afterAll(async () => {
  await served?.close();
});

const panel = "rl-fit-panel";

async function options(page: Page, { columns = "", end = "" }) {
  await page.locator(`${panel} input[name=columns]`).fill(columns);
  await page.locator(`${panel} input[name=calibrationEnd]`).fill(end);
  await page.locator(`${panel} select[name=unit]`).selectOption("week");
}

const upload = (page: Page, file: string | { name: string; text: string }) =>
  page
    .locator(`${panel} input[type=file]`)
    .setInputFiles(
      typeof file === "string"
        ? file
        : { name: file.name, mimeType: "text/plain", buffer: Buffer.from(file.text) },
    );

const param = (page: Page, model: string, key: string) =>
  page.locator(`rl-fit-summary table[data-model="${model}"] td[data-param=${key}]`).textContent();

describe("the fit panel in headless Chromium", () => {
  it(
    "fits CDNOW_sample.txt to the published BG/NBD, draws both diagnostics, and runs a comparison on the fitted population",
    async () => {
      const { page, problems } = await openDashboard(served);
      await options(page, { columns: "2,3,5", end: "1997-09-30" });
      await upload(page, CDNOW);

      const r = page.locator("rl-fit-summary td[data-param=r]");
      await r.waitFor({ timeout: LONG });
      expect(await r.textContent()).toBe("0.2426");
      expect(await param(page, "BG/NBD", "alpha")).toBe("4.4136");
      expect(await param(page, "BG/NBD", "a")).toBe("0.7929");
      expect(await param(page, "BG/NBD", "b")).toBe("2.4259");
      expect(await param(page, "BG/NBD", "logLik")).toBe("-9,582.43");
      expect(await param(page, "Gamma-Gamma", "p")).toMatch(/^6\.2[45]/);
      expect(await page.locator("rl-fit-summary [data-fact=customers]").textContent()).toBe(
        "2,357",
      );
      expect(await page.locator("rl-fit-summary [data-fact=repeats]").textContent()).toBe("2,457");
      expect(await page.locator("rl-fit-summary td.se").first().textContent()).toBe("0.0126");

      const tracking = page.locator("rl-fit-tracking-chart svg g[aria-label=line] path");
      await expect.poll(() => tracking.count()).toBe(2);
      expect(await page.locator("rl-fit-tracking-chart svg g[aria-label=rule]").count()).toBe(1);
      expect(await page.locator("rl-fit-tracking-chart figure > svg").textContent()).toContain(
        "calibration end",
      );
      await expect
        .poll(() => page.locator("rl-fit-frequency-chart svg g[aria-label=bar] rect").count())
        .toBe(16);
      // The per-week view redraws the same two lines.
      await page.locator("rl-fit-tracking-chart input[type=radio]").nth(1).check();
      await expect
        .poll(() => page.locator("rl-fit-tracking-chart figure > svg").textContent())
        .toContain("per week");
      await page.locator("rl-fit-tracking-chart input[type=radio]").nth(0).check();

      mkdirSync(resolve("tmp"), { recursive: true });
      await page.locator(panel).scrollIntoViewIfNeeded();
      await page.locator(panel).screenshot({ path: SCREENSHOT });

      await page.getByRole("button", { name: "Use this population" }).click();
      const scenario = page.locator("rl-run-form select[name=scenario]");
      await expect.poll(() => scenario.inputValue()).toBe("fitted-cdnow-sample");
      expect(await page.locator("rl-run-form input[name=days]").inputValue()).toBe("546");
      expect(await page.locator(`${panel} .use [role=status]`).textContent()).toContain(
        "is selected in the run form",
      );

      await runWith(page, "5000");
      await page.locator("rl-arm-table table").waitFor({ timeout: LONG });
      const title = await page.locator("rl-dashboard .results-head h2").textContent();
      expect(title).toContain("Fitted to CDNOW_sample.txt");
      expect(title).toContain("5,000 members, 546 days");
      // The fitted population has a Chinese name too.
      await page.locator("rl-dashboard").getByRole("button", { name: "中文" }).click();
      await expect
        .poll(() => page.locator("rl-dashboard .results-head h2").textContent())
        .toContain("拟合自 CDNOW_sample.txt");
      await page.locator("rl-dashboard").getByRole("button", { name: "EN" }).click();
      expect(await page.locator("rl-arm-table tbody tr").count()).toBeGreaterThan(10);
      await page.screenshot({ path: resolve("tmp/fit-run.png"), fullPage: true });
      expect(problems).toEqual([]);
      await page.context().close();
    },
    LONG,
  );

  it(
    "shows an empty, garbage or ambiguous file's problem inline, in the panel's words, and no fit",
    async () => {
      const { page, problems } = await openDashboard(served);
      const error = page.locator(`${panel} .error`);
      const cases = [
        { name: "empty.csv", text: "", message: "empty.csv is empty; give a log" },
        {
          name: "garbage.txt",
          text: "garbage\nfoo bar\n\u0000\u0001 zzz\n",
          message: 'garbage.txt: no customer id column among the header\'s "garbage"; pass Columns',
        },
        {
          name: "dates.csv",
          text: "id,date\na,03/04/1997\nb,05/04/1997\n",
          message: "could be day-first or month-first; pass Date format DMY or MDY",
        },
      ];
      for (const { name, text, message } of cases) {
        await upload(page, { name, text });
        await expect.poll(() => error.textContent()).toContain(message);
        const shown = (await error.textContent()) ?? "";
        expect(shown).not.toMatch(/--|InputError|at \w+ \(|\.ts:\d+/);
        expect(await page.locator("rl-fit-summary").count()).toBe(0);
      }
      await page.locator(panel).screenshot({ path: resolve("tmp/fit-panel-error.png") });
      expect(problems).toEqual([]);
      await page.context().close();
    },
    LONG,
  );

  it(
    "fits a log with bad rows and lists how many of each kind and the first bad lines",
    async () => {
      const { page, problems } = await openDashboard(served);
      const text = `${readFileSync(CDNOW, "utf8")}00001 00001 1997xx01 1 9.99\n\n00002 00002 19970301 1 -5\n`;
      await options(page, { columns: "2,3,5", end: "1997-09-30" });
      await upload(page, { name: "cdnow-bad.txt", text });
      const bad = page.locator("rl-fit-summary .bad");
      await bad.waitFor({ timeout: LONG });
      const shown = (await bad.textContent())?.replace(/\s+/g, " ");
      expect(shown).toContain(
        "Skipped 3 bad rows: 1 unparseable date, 1 blank line, 1 negative amount",
      );
      const lines = await bad.locator("li").allTextContents();
      expect(lines.map((l) => l.replace(/\s+/g, " ").trim())).toEqual([
        "line 6,920, unparseable date: 00001 00001 1997xx01 1 9.99",
        "line 6,921, blank line:",
        "line 6,922, negative amount: 00002 00002 19970301 1 -5",
      ]);
      expect(await page.locator("rl-fit-summary td[data-param=r]").textContent()).toBe("0.2426");
      expect(problems).toEqual([]);
      await page.context().close();
    },
    LONG,
  );

  it(
    "says in words when a fit sits at a limit, lists the bad rows behind an error, and names the file, line, column and value",
    async () => {
      const { page, problems } = await openDashboard(served);
      // Issue 9's log without drop-out: the NBD limit.
      const text = `customer_id,date,amount\n${[...uniformLog({ customers: 3000, seed: 1 })].join("\n")}\n`;
      await options(page, {});
      await upload(page, { name: "no-drop-out.csv", text });
      const limit = page.locator("rl-fit-summary [data-limit]");
      await limit.waitFor({ timeout: LONG });
      expect(await limit.textContent()).toContain(
        "No evidence of drop-out in this log (drop-out would raise the log-likelihood by only 0.48, likelihood-ratio p = 0.165): the fit is the NBD limit; predictions assume nobody leaves",
      );
      expect(await param(page, "BG/NBD", "a")).toBe("0");
      expect(await param(page, "BG/NBD", "b")).toBe("∞");
      const notes = (await page.locator("rl-fit-summary .note").allTextContents()).join(" ");
      expect(notes).toContain(
        "No standard errors for a, b: they sit at a limit, where the log-likelihood is flat in them.",
      );
      expect(await page.locator("rl-fit-summary [data-fact=columns]").textContent()).toBe(
        'columns by header name: customer id "customer_id" (column 1), date "date" (column 2), amount "amount" (column 3)',
      );
      await page.locator(panel).scrollIntoViewIfNeeded();
      await page.locator(panel).screenshot({ path: resolve("tmp/fit-panel-limit.png") });
      // Its population runs: the simulator takes "nobody leaves".
      await page.getByRole("button", { name: "Use this population" }).click();
      await expect
        .poll(() => page.locator("rl-run-form select[name=scenario]").inputValue())
        .toBe("fitted-no-drop-out");

      // An error after bad rows: the message, and the rows by line.
      const error = page.locator(`${panel} .error`);
      await upload(page, {
        name: "short.csv",
        text: "id,date,amount\na,2024-01-01,5\nb,someday,5\nc,2024-01-02,-1\n",
      });
      await expect
        .poll(() => error.textContent())
        .toBe(
          "short.csv has only one customer; the models need a log of many customers' purchases",
        );
      const rows = await page.locator(`${panel} .error-rows li`).allTextContents();
      expect(rows.map((l) => l.replace(/\s+/g, " ").trim())).toEqual([
        "line 3, unparseable date: b,someday,5",
        "line 4, negative amount: c,2024-01-02,-1",
      ]);
      await page.locator(panel).screenshot({ path: resolve("tmp/fit-panel-bad-rows.png") });

      await upload(page, {
        name: "dates.csv",
        text: "cust,purchase date\na,2024-01-05\nb,03/04/2024\n",
      });
      await expect
        .poll(() => error.textContent())
        .toBe(
          'dates.csv line 3, column "purchase date": "03/04/2024" could be day-first or month-first; pass Date format DMY or MDY',
        );
      expect(await page.locator(`${panel} .error-rows li`).count()).toBe(0);
      expect(problems).toEqual([]);
      await page.context().close();
    },
    LONG,
  );
});
