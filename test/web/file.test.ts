import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ARGS, CHROMIUM, LONG, openDashboard, runWith, workerCounts } from "./browser.ts";

// The built site opened as a file. Chromium starts no workers for a file:// page (origin 'null'),
// so the engine runs in the page, and a note says so and how to serve the folder instead.
let browser: Browser;
const url = pathToFileURL(resolve(inject("siteDir"), "index.html")).href;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}, LONG);
afterAll(() => browser?.close());

describe("the built site from file://", () => {
  it(
    "loads, says why it runs without workers, and runs, re-analyses and teaches in the page",
    async () => {
      const { page, problems } = await openDashboard({ url, browser, close: async () => {} });
      const note = page.locator("#file-note");
      await expect.poll(() => note.textContent()).toContain("serve this folder over HTTP");
      expect(await note.textContent()).toContain("python3 -m http.server");
      await expect
        .poll(() => page.locator("rl-run-form input[name=workers]").inputValue())
        .toBe("1");

      await runWith(page, "20000");
      const heading = page.locator("rl-dashboard .results-head h2");
      await heading.waitFor({ timeout: LONG });
      expect(await heading.textContent()).toContain("20,000 members");
      await page.locator("rl-scorecard").waitFor();
      // The report is built, and re-analysed for a new α, in the page too.
      await page.locator("rl-ab-table select[name=alpha]").selectOption("0.1");
      await expect
        .poll(() => page.locator("rl-ab-table thead").textContent(), { timeout: LONG })
        .toContain("90 % CI");
      // The peeking lesson simulates in the page as well.
      const lesson = page.locator("rl-peeking-lesson");
      await lesson.locator("input[name=simulations]").fill("200");
      await lesson.locator("button[type=submit]").click();
      await expect
        .poll(() => lesson.locator("rl-peeking-chart p.reading").textContent(), { timeout: LONG })
        .toContain("of 200 A/A tests");
      expect((await workerCounts(page)).created).toBe(0);

      // The note follows the language.
      await page.locator("rl-dashboard").getByRole("button", { name: "中文" }).click();
      await expect.poll(() => note.textContent()).toContain("以文件方式打开");
      expect(problems).toEqual([]);
      await page.context().close();
    },
    LONG,
  );
});
