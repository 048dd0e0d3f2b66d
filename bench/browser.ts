/**
 * The dashboard's default run in Chromium: `npm run build`'s site, served under a sub-path by a plain
 * static server, opened in headless Debian chromium at 1360 × 900; the default set-up (100,000
 * members × 2 arms × 365 days, one worker per core the browser reports) run once per fresh page.
 * Time is measured in the page, from the Run click to the first frame that shows the results: the
 * heading, the scorecard and every chart drawn. Prints the three runs and their median as JSON.
 */
import { rmSync } from "node:fs";
import { chromium } from "playwright-core";
import { ARGS, buildSite, CHROMIUM, serveSite } from "../test/setup/site.ts";

const RUNS = 3;

/**
 * Run in the page before the click (as text: tsx would name its functions with a helper the page
 * lacks): the click's time, then a look every frame until the results show.
 */
const WATCH = `new Promise((done, fail) => {
  let clicked = 0;
  let heading = 0;
  document.addEventListener("click", () => { clicked ||= performance.now(); }, true);
  const drawn = (el) => Boolean(el.shadowRoot?.querySelector("svg, table"));
  const frame = () => {
    const root = document.querySelector("rl-dashboard")?.shadowRoot;
    const results = clicked ? root?.querySelector("section.results") : null;
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
const runs: { shown: number; heading: number; workers: number; said: string }[] = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(site.url);
    const run = page.locator("rl-run-form button[type=submit]");
    await run.waitFor();
    const workers = Number(await page.locator("rl-run-form input[name=workers]").inputValue());
    // Starts watching before the click: the click's time, then every frame until the results show.
    const timing = page.evaluate(WATCH) as Promise<{ shown: number; heading: number }>;
    timing.catch(() => {}); // awaited below; a failure then ends the bench through `finally`
    await run.click();
    const { shown, heading } = await timing;
    const said = await page
      .locator("rl-run-status")
      .evaluate((status) => status.shadowRoot?.textContent ?? "");
    if (problems.length) throw new Error(`the page failed: ${problems.join("; ")}`);
    runs.push({ shown, heading, workers, said: said.replace(/\s+/g, " ").trim() });
    await context.close();
  }
} finally {
  await browser.close();
  await site.close();
  rmSync(dir, { recursive: true, force: true });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(
  JSON.stringify({
    chromium: version,
    workers: runs[0].workers,
    runsMs: runs.map((r) => Math.round(r.shown)),
    headingMs: runs.map((r) => Math.round(r.heading)),
    medianMs: Math.round(median(runs.map((r) => r.shown))),
    pageSaid: runs.map((r) => r.said),
  }),
);
