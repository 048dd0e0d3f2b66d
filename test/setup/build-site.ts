import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { buildSite } from "./site.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The built site the end-to-end tests serve (test/web/browser.ts). */
    siteDir: string;
  }
}

/**
 * Vitest's global setup: builds the site once per test run, as `npm run build` does, into a folder
 * of its own under tmp/ (never dist/; two test runs side by side do not share one).
 */
export default async function setup(project: TestProject) {
  const siteDir = `tmp/site-${process.pid}`;
  await buildSite(siteDir);
  project.provide("siteDir", siteDir);
  return () => rmSync(siteDir, { recursive: true, force: true });
}
