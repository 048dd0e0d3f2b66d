import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleSizeTwoProportions, seededRandom, simulatePeeking } from "../../sim/index.ts";
import { setLang } from "../../web/i18n.ts";
import { parsePeekingInputs } from "../../web/peeking.ts";
import { rateField, runSentence } from "../../web/power-calc.ts";
import {
  LONG,
  openDashboard,
  runWith,
  type Served,
  serveDashboard,
  workerCounts,
} from "./browser.ts";

// The two lessons of the "Teach and check" section (issue 11, item 4) in headless Chromium: the
// power calculator starts from the run, and the peeking lesson simulates off the main thread.
const BROKEN = /NaN|Infinity|undefined|\[object/;

let served: Served;
let page: Page;
let problems: string[];
beforeAll(async () => {
  setLang("en", false);
  served = await serveDashboard();
  ({ page, problems } = await openDashboard(served));
  await page.setViewportSize({ width: 1280, height: 900 });
  await runWith(page, "20000");
  await page.locator("rl-power-calculator output.answer").waitFor({ timeout: LONG });
}, LONG);
afterAll(async () => {
  await page?.context().close();
  await served?.close();
});

const calculator = () => page.locator("rl-power-calculator");
const field = (tag: string, name: string) => page.locator(`${tag} input[name=${name}]`);

/** What the run hands the lessons: members per arm and the baseline arm's conversion. */
async function runDesignInPage(): Promise<{ n: number; baseline: number; alpha: number }> {
  return calculator().evaluate((el) => {
    const report = (el as HTMLElement & { report: import("../../sim/index.ts").Report }).report;
    return {
      n: Math.floor(report.members / report.arms.length),
      baseline: report.armMetrics[0].values.conversion as number,
      alpha: report.alpha,
    };
  });
}

describe("the power calculator", () => {
  it("starts from the run and says in one sentence what the run could detect", async () => {
    const design = await runDesignInPage();
    expect(design.n).toBe(Math.floor(20000 / 2));
    expect(await field("rl-power-calculator", "baseline").inputValue()).toBe(
      rateField(design.baseline),
    );
    expect(await field("rl-power-calculator", "alpha").inputValue()).toBe("0.05");
    const sentence = (await calculator().locator("[data-run]").textContent())?.trim();
    expect(sentence).toBe(runSentence(design, 0.05, 0.8));
    expect(sentence).toMatch(
      /^With 10,000 members per arm this run detects a conversion change of (±[\d.]+ pp|\+[\d.]+ pp \/ −[\d.]+ pp) \(from [\d.]+ %\) with 80 % power at α = 0\.05\.$/,
    );
  });

  it("computes members per arm as the engine's sampleSizeTwoProportions, as you type", async () => {
    const answer = calculator().locator("output.answer");
    const check = async () => {
      const [p1, p2, alpha, power] = await Promise.all(
        ["baseline", "target", "alpha", "power"].map((f) =>
          field("rl-power-calculator", f).inputValue(),
        ),
      );
      const expected = sampleSizeTwoProportions({
        p1: Number(p1),
        p2: Number(p2),
        alpha: Number(alpha),
        power: Number(power),
      }).nPerArmRounded;
      expect(Number(await answer.getAttribute("data-value"))).toBe(expected);
      expect(await answer.locator("strong").textContent()).toBe(
        `${expected.toLocaleString("en-US")} members per arm`,
      );
    };
    await check();
    await field("rl-power-calculator", "target").fill("0.35");
    await field("rl-power-calculator", "baseline").fill("0.3");
    await check();
    await field("rl-power-calculator", "power").fill("0.9");
    await check();
  });

  it("shows an inline message naming a bad field and its value, and no NaN", async () => {
    await field("rl-power-calculator", "baseline").fill("1.5");
    const error = calculator().locator("small.error[data-field=baseline]");
    await expect.poll(() => error.textContent()).toMatch(/^Baseline rate: “1\.5” — enter a share/);
    expect(await field("rl-power-calculator", "baseline").getAttribute("aria-invalid")).toBe(
      "true",
    );
    expect(await calculator().locator("output.answer").textContent()).toContain(
      "Fix the field marked above",
    );
    expect(await calculator().locator(".card").textContent()).not.toMatch(BROKEN);
    // Minimum detectable effect with a bad n: the message, never a number.
    await field("rl-power-calculator", "baseline").fill("0.3");
    await calculator().locator("input[name=solve][value=mde]").check();
    await field("rl-power-calculator", "n").fill("12abc");
    await expect
      .poll(() => calculator().locator("small.error[data-field=n]").textContent())
      .toMatch(/^Members per arm: “12abc” — /);
    expect(await calculator().locator(".card").textContent()).not.toMatch(BROKEN);
    await field("rl-power-calculator", "n").fill("10000");
    await expect
      .poll(() => calculator().locator("output.answer strong").textContent())
      .toMatch(/^Minimum detectable effect /);
  });
});

describe("the peeking lesson", () => {
  it("runs in a worker of its own, terminated after, and matches the engine for the seed", async () => {
    const lesson = page.locator("rl-peeking-lesson");
    const design = await runDesignInPage();
    expect(await field("rl-peeking-lesson", "rate").inputValue()).toBe(rateField(design.baseline));
    const before = await workerCounts(page);
    await lesson.locator("button[type=submit]").click();
    const chart = lesson.locator("rl-peeking-chart");
    await chart.locator(".plot svg").waitFor({ timeout: LONG });
    const after = await workerCounts(page);
    expect(after.created - before.created).toBe(1);
    expect(after.terminated - before.terminated).toBe(1);

    const inputs = Object.fromEntries(
      await Promise.all(
        ["simulations", "days", "perDay", "rate", "alpha", "seed"].map(
          async (f) => [f, await field("rl-peeking-lesson", f).inputValue()] as const,
        ),
      ),
    );
    expect(inputs).toMatchObject({ simulations: "1000", days: "28", perDay: "500", seed: "1" });
    const parsed = parsePeekingInputs(inputs as Parameters<typeof parsePeekingInputs>[0]);
    if (!("run" in parsed)) throw new Error("the page's fields do not parse");
    const { seed, ...options } = parsed.run;
    const expected = simulatePeeking({ random: seededRandom(seed, "peeking"), ...options });
    const shown = {
      naive: Number(await chart.getAttribute("data-naive")),
      msprt: Number(await chart.getAttribute("data-msprt")),
      fixed: Number(await chart.getAttribute("data-fixed")),
    };
    expect(shown).toEqual({
      naive: expected.naiveFalsePositiveRate,
      msprt: expected.msprtFalsePositiveRate,
      fixed: expected.fixedHorizonFalsePositiveRate,
    });
    // Daily peeking: far above α; the always-valid p: at α or below, up to simulation noise.
    expect(shown.naive).toBeGreaterThan(2 * 0.05);
    expect(shown.msprt).toBeLessThanOrEqual(0.05 + 0.01);
    const reading = await chart.locator("p.reading").textContent();
    expect(reading).toMatch(
      /^Checked every day for 28 days, the fixed-horizon test called a winner/,
    );
    expect(reading).not.toMatch(BROKEN);
    expect(await chart.locator(".plot svg [aria-label='bar']").count()).toBeGreaterThan(0);
  });

  it("refuses a bad field inline with Run disabled, and runs again once fixed", async () => {
    const lesson = page.locator("rl-peeking-lesson");
    await field("rl-peeking-lesson", "rate").fill("1.5");
    await expect
      .poll(() => lesson.locator("small.error[data-field=rate]").textContent())
      .toMatch(/^Conversion rate \(both arms\): “1\.5” — /);
    expect(await lesson.locator("button[type=submit]").isDisabled()).toBe(true);
    expect(await lesson.locator(".card").textContent()).not.toMatch(BROKEN);
    await field("rl-peeking-lesson", "rate").fill("0.1");
    await field("rl-peeking-lesson", "simulations").fill("200");
    expect(await lesson.locator("button[type=submit]").isDisabled()).toBe(false);
    await lesson.locator("button[type=submit]").click();
    await expect
      .poll(() => lesson.locator("rl-peeking-chart p.reading").textContent(), { timeout: LONG })
      .toContain("of 200 A/A tests");
  });
});

describe("both lessons", () => {
  it("speak Chinese after the switch, with their 'how to read this'", async () => {
    await page.locator("rl-dashboard .lang button", { hasText: "中文" }).click();
    await expect
      .poll(() => calculator().locator("h3").textContent())
      .toBe("统计功效、样本量与最小可检测效应");
    expect(await calculator().locator("details summary").textContent()).toBe("怎么读");
    const lesson = page.locator("rl-peeking-lesson");
    expect(await lesson.locator("details summary").textContent()).toBe("怎么读");
    expect(await lesson.locator("label > span").first().textContent()).toBe("模拟的 A/A 测试次数");
    expect(await lesson.locator("rl-peeking-chart p.reading").textContent()).toMatch(/^连续 28 天/);
    await calculator().locator("details summary").click();
    await lesson.locator("details summary").click();
    await page
      .locator("rl-dashboard section.teach")
      .screenshot({ path: "/tmp/teach-lessons-zh.png" });
    await page.locator("rl-dashboard .lang button", { hasText: "EN" }).click();
    await expect
      .poll(() => calculator().locator("details summary").textContent())
      .toBe("How to read this");
    await page
      .locator("rl-dashboard section.teach")
      .screenshot({ path: "/tmp/teach-lessons-en.png" });
    expect(problems).toEqual([]);
  });
});
