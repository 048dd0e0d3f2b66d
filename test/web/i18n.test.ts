import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUILTIN_STRATEGIES } from "../../sim/index.ts";
import { defaultInputs } from "../../web/inputs.ts";
import { encodeSetup } from "../../web/url-state.ts";
import { uniformLog } from "../calibrate/synthetic-log.ts";
import { LONG, openDashboard, runWith, type Served, serveDashboard } from "./browser.ts";

// The dashboard in Chinese (issue 11, item 5): one click turns the page Chinese, the choice is
// remembered and travels in the link, and a link's language wins over the remembered one.

/** Ids stay ids in Chinese text: the built-in playbooks' (control, t-plus-7, rfm-layered-offers …). */
const IDS = BUILTIN_STRATEGIES.map((s) => s.id).sort((a, b) => b.length - a.length);
/** Other words of four ASCII letters or more that may stand in Chinese: the estimator's names. */
const ALLOWED = new Set(["Kaplan", "Meier"]);
const CJK = /[\u4e00-\u9fff]/;

/** Checks a text is Chinese: CJK characters, and no English word but the allowed ones. */
function expectChinese(text: string | null, what: string) {
  const trimmed = (text ?? "").replace(/\s+/g, " ").trim();
  expect(trimmed, what).toMatch(CJK);
  const words = IDS.reduce((rest, id) => rest.replaceAll(id, " "), trimmed);
  const english = (words.match(/[A-Za-z]{4,}/g) ?? []).filter((w) => !ALLOWED.has(w));
  expect(english, `${what}: "${trimmed}"`).toEqual([]);
}

async function expectAllChinese(locator: Locator, what: string) {
  const texts = await locator.allTextContents();
  expect(texts.length, what).toBeGreaterThan(0);
  for (const text of texts) expectChinese(text, what);
}

const CHARTS = [
  "rl-km-chart",
  "rl-daily-chart",
  "rl-funnel-chart",
  "rl-cost-chart",
  "rl-stage-mix-chart",
  "rl-depth-mix-chart",
  "rl-clv-chart",
  "rl-pareto-chart",
];

const switchTo = (page: Page, name: "EN" | "中文") =>
  page.locator("rl-dashboard header").getByRole("button", { name, exact: true }).click();

const subtitle = (page: Page) => page.locator("rl-dashboard header p").textContent();

/** The language field of the set-up in the page's URL. */
const linkLang = (page: Page) =>
  page.evaluate(() => {
    const hash = location.hash;
    if (!hash.startsWith("#s=")) return null;
    const code = hash.slice(3).replaceAll("-", "+").replaceAll("_", "/");
    const bytes = Uint8Array.from(atob(code), (c) => c.charCodeAt(0));
    return (JSON.parse(new TextDecoder().decode(bytes)) as { lg?: string }).lg ?? null;
  });

let served: Served;
let page: Page;
let problems: string[];
beforeAll(async () => {
  served = await serveDashboard();
  ({ page, problems } = await openDashboard(served));
  await page.setViewportSize({ width: 1280, height: 900 });
}, LONG);
afterAll(async () => {
  await page?.context().close();
  await served?.close();
});

describe("the dashboard in Chinese and English", () => {
  it(
    "switches to 中文 in one click, and every label, heading and chart title reads Chinese",
    async () => {
      // The test Chromium is English, so the page starts in English.
      expect(await subtitle(page)).toContain("Simulate member-retention playbooks");
      expect(await linkLang(page)).toBe("en");
      await switchTo(page, "中文");
      await expect.poll(() => subtitle(page)).toMatch(CJK);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
      expect(await linkLang(page)).toBe("zh");
      expect(
        await page.locator("rl-dashboard header button[data-lang=zh]").getAttribute("aria-pressed"),
      ).toBe("true");

      expectChinese(await subtitle(page), "header");
      const form = page.locator("rl-run-form");
      await expectAllChinese(form.locator("label > span"), "run form label");
      await expectAllChinese(form.locator("legend"), "run form legend");
      await expectAllChinese(form.locator("button[type=submit]"), "Run button");
      await expectAllChinese(form.locator(".numbers .hint"), "run form hint");
      expectChinese(await page.locator("rl-run-status p").textContent(), "run status");

      await page.locator("rl-run-form input[name=arm][value=control]").check();
      await runWith(page, "20000");
      await page.locator("rl-scorecard table").waitFor({ timeout: LONG });
      expectChinese(await page.locator("rl-run-status p").textContent(), "run status, done");
      expectChinese(
        await page.locator("rl-dashboard .results-head h2").textContent(),
        "results heading",
      );

      const card = page.locator("rl-scorecard");
      expectChinese(await card.locator("h3").textContent(), "scorecard heading");
      await expectAllChinese(card.locator("tbody th"), "scorecard metric");
      await expectAllChinese(card.locator("tbody .verdict"), "scorecard verdict");

      const ab = page.locator("rl-ab-table");
      expectChinese(await ab.locator("h3").textContent(), "A/B heading");
      // The p column's head is "p" or "p（校正后）"; every other head is words.
      const heads = (await ab.locator("thead th").allTextContents()).filter(
        (h) => h.trim() !== "p",
      );
      for (const head of heads) expectChinese(head, "A/B table head");
      await expectAllChinese(ab.locator("tbody th"), "A/B metric");
      await expectAllChinese(ab.locator("td.verdict"), "A/B verdict");
      expectChinese(await page.locator("rl-srm-banner strong").textContent(), "SRM banner");
      await expectAllChinese(page.locator("rl-arm-table tbody th"), "per-arm table row");

      for (const tag of CHARTS) {
        const chart = page.locator(tag);
        await expect.poll(() => chart.locator(".plot svg").count()).toBeGreaterThan(0);
        expectChinese(await chart.locator("h3").textContent(), `${tag} title`);
        expect(await chart.locator("p.reading").textContent(), tag).toMatch(CJK);
      }
      // Legends of words follow the language: the stage chart names 稳定期, not stable.
      expect(await page.locator("rl-stage-mix-chart .plot").textContent()).toContain("稳定期");

      // Nothing overflows at 1280 px in Chinese.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBe(0);
      await page.screenshot({ path: "/tmp/i18n-zh.png", fullPage: true });
      expect(problems).toEqual([]);
    },
    LONG,
  );

  it(
    "remembers 中文 on a reload, and opens a link with lg=en in English",
    async () => {
      // The bare address: no link, so the remembered language decides.
      await page.goto(served.url);
      await page.locator("rl-run-form button[type=submit]").waitFor();
      await expect.poll(() => subtitle(page)).toMatch(CJK);
      expectChinese(
        await page.locator("rl-run-form button[type=submit]").textContent(),
        "Run button",
      );
      await expect.poll(() => linkLang(page)).toBe("zh");

      // A link shared in English wins over the remembered Chinese, and is remembered in turn.
      const { workers: _, ...inputs } = defaultInputs(1);
      const hash = encodeSetup({ inputs: { ...inputs, seed: "5" }, analysis: {}, lang: "en" });
      await page.goto("about:blank");
      await page.goto(`${served.url}${hash}`);
      await page.locator("rl-run-form button[type=submit]").waitFor();
      await expect.poll(() => subtitle(page)).toContain("Simulate member-retention playbooks");
      expect(await page.locator("rl-run-form input[name=seed]").inputValue()).toBe("5");
      expect(await page.evaluate(() => document.documentElement.lang)).toBe("en-US");
      await page.goto("about:blank");
      await page.goto(served.url);
      await page.locator("rl-run-form button[type=submit]").waitFor();
      await expect.poll(() => subtitle(page)).toContain("Simulate member-retention playbooks");

      // A run's status line follows a switch made after it ended.
      await runWith(page, "3000");
      await page.locator("rl-scorecard table").waitFor({ timeout: LONG });
      expect(await page.locator("rl-run-status p").textContent()).toMatch(
        /^\s*done in [\d.]+ s\s*$/,
      );

      // And back to 中文 in one click, the link following.
      await switchTo(page, "中文");
      await expect.poll(() => linkLang(page)).toBe("zh");
      expectChinese(
        await page.locator("rl-run-status p").textContent(),
        "run status after a switch",
      );
      expect(problems).toEqual([]);
    },
    LONG,
  );

  it(
    "words the fit panel's engine texts in Chinese: the columns, a limit, the notes, bad rows and a refusal",
    async () => {
      const { page: fitPage, problems: fitProblems } = await openDashboard(served);
      await switchTo(fitPage, "中文");
      const upload = (name: string, text: string) =>
        fitPage
          .locator("rl-fit-panel input[type=file]")
          .setInputFiles({ name, mimeType: "text/plain", buffer: Buffer.from(text) });
      // Chinese header names, so every word on show is the page's: the NBD limit, a bad row.
      const rows = [...uniformLog({ customers: 3000, seed: 1 })];
      await upload("日志.csv", `客户,日期,金额\n${rows.join("\n")}\nx,明天,5\n`);
      const summary = fitPage.locator("rl-fit-summary");
      await summary.locator("[data-limit]").waitFor({ timeout: LONG });
      expectChinese(await summary.locator("[data-fact=columns]").textContent(), "column choice");
      expectChinese(await summary.locator("[data-limit]").textContent(), "fit at a limit");
      await expectAllChinese(summary.locator(".note"), "fit note");
      expectChinese(await summary.locator(".bad p").textContent(), "bad rows");
      await expectAllChinese(summary.locator(".bad li"), "bad row");

      await upload("日志.csv", "客户,日期,金额\na,明天,5\nb,2024-01-01,-1\n");
      const error = fitPage.locator("rl-fit-panel .error");
      await expect.poll(() => error.textContent()).toContain("没有可用的行");
      expectChinese(await error.textContent(), "refusal");
      await expectAllChinese(
        fitPage.locator("rl-fit-panel .error-rows li"),
        "bad row of a refusal",
      );
      expect(fitProblems).toEqual([]);
      await fitPage.context().close();
    },
    LONG,
  );
});
