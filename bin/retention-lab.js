#!/usr/bin/env node
// The CLI runs the JavaScript that `npm install` compiles into build/ (`npm run build:cli`), so no
// TypeScript is compiled at run time. When build/ is missing, or older than any source file (a
// developer edited a .ts without rebuilding, or a checkout changed files), tsx (a dependency) loads
// the TypeScript instead: a stale build never runs.
import { existsSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const stamp = `${root}build/.stamp`;

/** Newest modification time of the sources the build is made from, in ms. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|json|mjs)$/.test(entry.name))
        newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const dir of ["sim", "strategies", "scenarios"]) walk(`${root}${dir}`);
  for (const file of ["tsconfig.json", "tsconfig.build.json", "package.json"])
    newest = Math.max(newest, statSync(`${root}${file}`).mtimeMs);
  return newest;
}

const fresh =
  process.env.RETENTION_LAB_TSX !== "1" &&
  existsSync(stamp) &&
  statSync(stamp).mtimeMs >= newestSource();
let main;
if (fresh) {
  ({ main } = await import("../build/sim/cli/main.js"));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../sim/cli/main.ts"));
}
process.exitCode = await main(process.argv.slice(2));
