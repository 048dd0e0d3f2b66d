import { mkdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LONG, openDashboard, runWith, type Served, serveDashboard } from "./browser.ts";

// The results side of the dashboard (issue 11): scorecard, verdicts, charts and their downloads.
const CHARTS = [
  ["rl-km-chart", "Retention by day since join (Kaplan–Meier)"],
  ["rl-daily-chart", "Messages, opt-outs and over-messaging churn over time"],
  ["rl-funnel-chart", "Funnel: joined → reached → engaged → bought → repeat"],
  ["rl-cost-chart", "Cost and ROI breakdown"],
  ["rl-stage-mix-chart", "Lifecycle-stage mix"],
  ["rl-depth-mix-chart", "Relationship-depth mix"],
  ["rl-clv-chart", "CLV distribution"],
  ["rl-pareto-chart", "Revenue concentration (Pareto curve)"],
] as const;
const METRICS = ["revenue", "clvNet", "conversion", "overMessaging", "optOut", "roi"];
const VERDICT =
  /^(better, significant|worse, significant|no clear difference|(better|worse|no difference), no interval|—)$/;
const BROKEN = /NaN|Infinity|undefined|null|\[object/;

let served: Served;
let page: Page;
let problems: string[];
beforeAll(async () => {
  served = await serveDashboard();
  ({ page, problems } = await openDashboard(served));
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.locator("rl-run-form input[name=arm][value=control]").check();
  await runWith(page, "20000");
  await page.locator("rl-scorecard table").waitFor({ timeout: LONG });
}, LONG);
afterAll(async () => {
  await page?.context().close();
  await served?.close();
});

describe("the results in headless Chromium at 1280 px", () => {
  it("moves focus to the results after a run", async () => {
    const focused = await page.evaluate(() => {
      const root = document.querySelector("rl-dashboard")?.shadowRoot;
      const active = root?.activeElement;
      return active ? `${active.tagName} ${active.textContent?.trim()}` : null;
    });
    expect(focused).toMatch(/^H2 .*20,000 members/);
  });

  it("fills the scorecard with a verdict for the arm per metric, against the control arm", async () => {
    const card = page.locator("rl-scorecard");
    expect(await card.locator("h3").textContent()).toContain("against the control arm");
    const arms = await card
      .locator("thead th[data-arm]")
      .evaluateAll((cells) => cells.map((c) => c.getAttribute("data-arm")));
    expect(arms).toEqual(["control", "t-plus-7", "scenario-nurture"]);
    for (const metric of METRICS) {
      const verdicts = await card
        .locator(`tbody td[data-metric=${metric}] .verdict`)
        .allTextContents();
      expect(verdicts).toHaveLength(3);
      expect(verdicts[0].trim()).toBe("baseline");
      for (const v of verdicts.slice(1)) expect(v.trim()).toMatch(VERDICT);
    }
    // A rise in opt-outs is worse for the arm: t-plus-7 opts members out far more than control.
    expect(
      await card.locator("tbody td[data-metric=optOut] .verdict").nth(1).textContent(),
    ).toMatch(/^worse/);
    const tone = await card
      .locator("tbody td[data-metric=optOut] .verdict")
      .nth(1)
      .evaluate((el) => getComputedStyle(el).color);
    expect(tone).toBe("rgb(179, 71, 0)");
    for (const cell of await card.locator("tbody td").allTextContents()) {
      expect(cell).not.toMatch(BROKEN);
    }
    expect(await card.locator("tbody td .interval").allTextContents()).toContain("no interval");
  });

  it("calls the A/B table's comparison arm the baseline and says better or worse", async () => {
    const table = page.locator("rl-ab-table");
    expect(await table.locator("h3").textContent()).toBe("A/B tests against the baseline, control");
    const heads = await table.locator("thead th").allTextContents();
    expect(heads.map((h) => h.trim())).toContain("baseline");
    expect(heads.map((h) => h.trim())).not.toContain("control");
    const optOut = table.locator("tr[data-metric=opt-out][data-arm=t-plus-7] td.verdict");
    expect(await optOut.textContent()).toMatch(/worse, significant/);
  });

  it("draws every chart as an <svg> under its title, with text of at least 13 px, nothing clipped", async () => {
    for (const [tag, title] of CHARTS) {
      const chart = page.locator(tag);
      await expect.poll(() => chart.locator(".plot svg").count()).toBeGreaterThan(0);
      expect(await chart.locator("h3").textContent()).toBe(title);
      expect((await chart.locator("p.reading").textContent())?.length).toBeGreaterThan(20);
      expect(await chart.locator("p.reading").textContent()).not.toMatch(BROKEN);
      const sizes = await chart
        // The plot itself, not the small SVGs of its legend's swatches.
        .locator(".plot > svg, .plot > figure > svg")
        .first()
        .evaluate((svg) =>
          [...svg.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize)),
        );
      expect(sizes.length).toBeGreaterThan(0);
      expect(Math.min(...sizes), tag).toBeGreaterThanOrEqual(13);
      const overflow = await chart.evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow, tag).toBeLessThanOrEqual(0);
    }
    const page_ = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(page_).toBe(0);
    mkdirSync(resolve("tmp"), { recursive: true });
    await page.screenshot({ path: resolve("tmp/results.png"), fullPage: true });
  });

  it("downloads a chart through the browser's download manager", async () => {
    const [tag, title] = CHARTS[0];
    const [svg] = await Promise.all([
      page.waitForEvent("download"),
      page.locator(`${tag} button[data-download=svg]`).click(),
    ]);
    expect(svg.suggestedFilename()).toMatch(/^retention-lab-.+\.svg$/);
    expect(readFileSync(await svg.path(), "utf8")).toContain(title);
  });

  // Chromium's download limiter may drop one of many downloads made in quick succession, so the
  // files of every chart are read where the page hands them over: the link it clicks.
  it("hands over each chart as an SVG and a PNG file", async () => {
    await page.evaluate(() => {
      const saved: { name: string; url: string }[] = [];
      (window as unknown as { saved: typeof saved }).saved = saved;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        saved.push({ name: this.download, url: this.href });
      };
    });
    type Saved = { name: string; url: string }[];
    const next = async () => {
      await page.waitForFunction(
        () => (window as unknown as { saved: Saved }).saved.length > 0,
        undefined,
        { polling: 50 },
      );
      return page.evaluate(async () => {
        const last = (window as unknown as { saved: Saved }).saved.shift();
        const bytes = last ? new Uint8Array(await (await fetch(last.url)).arrayBuffer()) : [];
        return { name: last?.name, bytes: [...bytes] };
      });
    };
    for (const [tag, title] of CHARTS) {
      await page.locator(`${tag} button[data-download=svg]`).click();
      const svg = await next();
      expect(svg?.name).toMatch(/^retention-lab-.+\.svg$/);
      const text = Buffer.from(svg?.bytes ?? []).toString("utf8");
      expect(text).toContain("<svg");
      expect(text).toContain(title.replace("&", "&amp;"));
      await page.locator(`${tag} button[data-download=png]`).click();
      const png = await next();
      expect(png?.name).toMatch(/^retention-lab-.+\.png$/);
      const bytes = Buffer.from(png?.bytes ?? []);
      expect(bytes.subarray(1, 4).toString()).toBe("PNG");
      expect(bytes.length).toBeGreaterThan(2000);
    }
    expect(problems).toEqual([]);
  });
});
