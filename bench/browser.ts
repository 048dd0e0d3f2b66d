/**
 * The dashboard's default run in Chromium: `npm run build`'s site, served under a sub-path by a plain
 * static server, opened in headless Debian chromium at 1360 × 900; the default set-up (100,000
 * members × 2 arms × 365 days, one worker per core the browser reports). Time is measured in the
 * page, from the Run click to the first frame that shows the results of that run (its seed in the
 * heading, the scorecard and every chart drawn), in three situations, three times each:
 * - cold: Run clicked as soon as the page shows it, while its workers are still starting;
 * - after idle: Run clicked 5 s after the page loaded (the workers started and warmed up);
 * - next run: a second run in the same page (another seed), on the workers the first handed back.
 * Prints every time, the medians and where the time went (the dashboard's performance marks).
 */
import { rmSync } from "node:fs";
import { chromium, type Page } from "playwright-core";
import { ARGS, buildSite, CHROMIUM, serveSite } from "../test/setup/site.ts";

const RUNS = 3;

/**
 * Run in the page before the click (as text: tsx would name its functions with a helper the page
 * lacks): the click's time, then a look every frame until the results show.
 */
const watch = (seed: number) => `new Promise((done, fail) => {
  let clicked = 0;
  let heading = 0;
  document.addEventListener("click", () => { clicked ||= performance.now(); }, true);
  const drawn = (el) => Boolean(el.shadowRoot?.querySelector("svg, table"));
  const frame = () => {
    const root = document.querySelector("rl-dashboard")?.shadowRoot;
    const h2 = root?.querySelector("section.results h2")?.textContent ?? "";
    const results = clicked && h2.includes("seed ${seed}") ? root?.querySelector("section.results") : null;
    if (results && !heading) heading = performance.now() - clicked;
    const parts = [...(results?.querySelectorAll("*") ?? [])].filter((el) =>
      /^rl-(scorecard|.*-chart)$/.test(el.localName),
    );
    if (parts.length > 1 && parts.every(drawn)) done({ shown: performance.now() - clicked, heading });
    else if (performance.now() > 300000) fail(new Error("no results in 5 minutes"));
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})`;
const dir = `tmp/bench-site-${process.pid}`;
await buildSite(dir);
const site = await serveSite(dir);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
const version = browser.version();

type Timing = { shown: number; heading: number; phases: number[]; said: string };

/** One run of the default set-up with `seed`, timed from the click to its results drawn. */
async function timeRun(page: Page, seed: number): Promise<Timing> {
  await page.locator("rl-run-form input[name=seed]").fill(String(seed));
  await page.evaluate("performance.clearMarks()");
  // Starts watching before the click: the click's time, then every frame until the results show.
  const timing = page.evaluate(watch(seed)) as Promise<{ shown: number; heading: number }>;
  timing.catch(() => {}); // awaited below; a failure then ends the bench through `finally`
  await page.locator("rl-run-form button[type=submit]").click();
  const { shown, heading } = await timing;
  // Where the time went, from the run's start: first block back, all simulated, report built.
  // As text, like the watch: tsx would name an inner function with a helper the page lacks.
  const phases = (await page.evaluate(`(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
    const start = at("rl:run");
    return ["rl:first-block", "rl:simulated", "rl:reported"].map((m) => Math.round(at(m) - start));
  })()`)) as number[];
  const said = await page
    .locator("rl-run-status")
    .evaluate((status) => status.shadowRoot?.textContent ?? "");
  return { shown, heading, phases, said: said.replace(/\s+/g, " ").trim() };
}

const cold: Timing[] = [];
const next: Timing[] = [];
const idle: Timing[] = [];
let workers = 0;
try {
  for (let i = 0; i < RUNS; i++) {
    for (const wait of [0, 5000]) {
      const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));
      await page.goto(site.url);
      await page.locator("rl-run-form button[type=submit]").waitFor();
      workers = Number(await page.locator("rl-run-form input[name=workers]").inputValue());
      if (wait === 0) {
        cold.push(await timeRun(page, 1));
        next.push(await timeRun(page, 2));
      } else {
        await page.waitForTimeout(wait);
        idle.push(await timeRun(page, 1));
      }
      if (problems.length) throw new Error(`the page failed: ${problems.join("; ")}`);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await site.close();
  rmSync(dir, { recursive: true, force: true });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = (runs: Timing[]) => ({
  medianMs: Math.round(median(runs.map((r) => r.shown))),
  runsMs: runs.map((r) => Math.round(r.shown)),
  headingMs: runs.map((r) => Math.round(r.heading)),
  phasesMs: runs.map((r) => r.phases),
  pageSaid: runs.map((r) => r.said),
});
console.log(
  JSON.stringify({
    chromium: version,
    workers,
    cold: summary(cold),
    afterIdle: summary(idle),
    nextRun: summary(next),
  }),
);
