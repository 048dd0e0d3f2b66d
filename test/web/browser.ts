import { resolve } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";

// The dashboard in Debian's chromium, served by the same Vite dev server `npm start` runs.
const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** Time for anything that starts a server, a browser or a simulation. */
export const LONG = 180_000;

export type Served = { url: string; browser: Browser; close: () => Promise<void> };

/**
 * Starts the dev server and Chromium for one test file. `name` keeps the file's Vite dependency
 * cache its own, so test files running side by side (and a developer's `npm start`) never share one.
 */
export async function serveDashboard(name: string): Promise<Served> {
  const server: ViteDevServer = await createServer({
    configFile: "vite.config.ts",
    server: { port: 0 },
    logLevel: "warn",
    cacheDir: resolve(`tmp/vite-test-cache-${name}`),
    // Listed up front so the first page load does not trigger a re-optimise and reload.
    optimizeDeps: {
      include: [
        "lit",
        "lit/decorators.js",
        "lit/directives/live.js",
        "comlink",
        "@observablehq/plot",
      ],
    },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0] ?? "";
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  return {
    url,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
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
    const counts = { created: 0, terminated: 0 };
    (window as unknown as { workers: typeof counts }).workers = counts;
    const Original = window.Worker;
    window.Worker = class extends Original {
      constructor(script: string | URL, options?: WorkerOptions) {
        super(script, options);
        counts.created++;
      }
      override terminate() {
        counts.terminated++;
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
    () => (window as unknown as { workers: { created: number; terminated: number } }).workers,
  );

export async function runWith(page: Page, members: string) {
  await page.locator("rl-run-form input[name=members]").fill(members);
  await page.locator("rl-run-form button[type=submit]").click();
}
