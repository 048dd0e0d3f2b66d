import { defineConfig } from "vitest/config";

// One config for the dashboard (vite, rooted at web/) and the tests (vitest, from the project root).
export default defineConfig({
  root: "web",
  server: { port: 5173, host: "127.0.0.1" },
  build: { outDir: "../dist", emptyOutDir: true },
  worker: { format: "es" },
  test: {
    root: ".",
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
