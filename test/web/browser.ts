import { type Browser, chromium, type Page } from "playwright-core";
import { inject } from "vitest";
import { ARGS, CHROMIUM, serveSite } from "../setup/site.ts";

export { ARGS, CHROMIUM };

// The built dashboard (`npm run build`, built once per test run by test/setup/build-site.ts) in
// Debian's chromium, served by a plain static server under a sub-path, as a static host would.

/** Time for anything that starts a server, a browser or a simulation. */
export const LONG = 180_000;

export type Served = { url: string; browser: Browser; close: () => Promise<void> };

/** Serves the built site under /lab/retention/ and starts Chromium, for one test file. */
export async function serveDashboard(): Promise<Served> {
  const site = await serveSite(inject("siteDir"));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  return {
    url: site.url,
    browser,
    close: async () => {
      await browser.close();
      await site.close();
    },
  };
}

export type Watch = { page: Page; problems: string[] };

/** A fresh page that counts the Web Workers it starts and stops, and records every page error. */
export async function openDashboard(served: Served): Promise<Watch> {
  const context = await served.browser.newContext({ viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
    // Lit's own warnings (an update scheduled during an update, …) count; its dev-mode notice not.
    if (message.type() === "warning" && !message.text().startsWith("Lit is in dev mode"))
      problems.push(`warning: ${message.text()}`);
  });
  await page.addInitScript(() => {
    // Every Worker the page starts and terminates, in all and by script (browser-worker, the
    // engine; report-worker; peeking-worker), and how many of each are alive.
    const counts = { created: 0, terminated: 0, live: {} as Record<string, number> };
    (window as unknown as { workers: typeof counts }).workers = counts;
    const Original = window.Worker;
    window.Worker = class extends Original {
      private readonly kind: string;
      constructor(script: string | URL, options?: WorkerOptions) {
        super(script, options);
        this.kind = /([a-z]+-worker)[^/]*$/.exec(String(script))?.[1] ?? "other";
        counts.created++;
        counts.live[this.kind] = (counts.live[this.kind] ?? 0) + 1;
      }
      override terminate() {
        counts.terminated++;
        counts.live[this.kind] -= 1;
        super.terminate();
      }
    };
  });
  await page.goto(served.url);
  await page.locator("rl-run-form button[type=submit]").waitFor();
  return { page, problems };
}

export const workerCounts = (page: Page) =>
  page.evaluate(
    () =>
      (
        window as unknown as {
          workers: { created: number; terminated: number; live: Record<string, number> };
        }
      ).workers,
  );

export async function runWith(page: Page, members: string) {
  await page.locator("rl-run-form input[name=members]").fill(members);
  await page.locator("rl-run-form button[type=submit]").click();
}
