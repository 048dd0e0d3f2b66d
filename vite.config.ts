import { dirname, posix } from "node:path";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";

/**
 * The built page loads its bundle as a classic deferred script, not a module script: Chromium
 * refuses module scripts on a page opened from file:// (origin 'null', a CORS error), so a module
 * entry would leave the page blank there. Over HTTP the two behave the same. The engine's worker
 * stays an ES module, started relative to the script that starts it.
 */
function classicEntry(): Plugin {
  return {
    name: "retention-lab:classic-entry",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler: (html) =>
        html.replace(/<script type="module" crossorigin src=/g, "<script defer src="),
    },
  };
}

// One config for the dashboard (vite, rooted at web/) and the tests (vitest, from the project root).
export default defineConfig({
  root: "web",
  // Relative URLs everywhere: the built site works from any folder of any static host, or a file.
  base: "./",
  server: { port: 5173, host: "127.0.0.1" },
  plugins: [classicEntry()],
  build: {
    outDir: "../dist",
    emptyOutDir: true,
    modulePreload: false,
    // A classic script is one file (about 650 kB, 220 kB gzipped): nothing to split it into.
    chunkSizeWarningLimit: 1024,
    rolldownOptions: {
      output: {
        format: "iife",
        // A classic script has no import.meta.url; its own address, taken while it runs, stands in
        // (document.currentScript is null later, when a Run starts the workers).
        intro: "var __rlScriptUrl = document.currentScript.src;",
      },
      transform: { define: { "import.meta.url": "__rlScriptUrl" } },
    },
  },
  experimental: {
    // The worker's address, relative to the script that starts it, taken while that script runs.
    renderBuiltUrl: (file, { hostType, hostId }) =>
      hostType === "js"
        ? {
            runtime: `new URL(${JSON.stringify(posix.relative(dirname(hostId), file))}, __rlScriptUrl).href`,
          }
        : { relative: true },
  },
  worker: { format: "es" },
  test: {
    root: ".",
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/setup/build-site.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
