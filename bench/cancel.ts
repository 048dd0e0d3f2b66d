// How fast a cancel stops a run: 4 M members on 2 workers, cancelled at 20 % progress.
// Run: node --import tsx bench/cancel.ts
import { createNodeWorker, type NodeWorker } from "../sim/pool/node-pool.ts";
import { runComparison } from "../sim/run.ts";
import { builtinScenario, builtinStrategy } from "../test/engine/helpers.ts";

const started: NodeWorker[] = [];
const controller = new AbortController();
let t0 = 0;
const run = runComparison(
  {
    scenario: builtinScenario("knowledge-course"),
    strategies: [builtinStrategy("t-plus-7"), builtinStrategy("scenario-nurture")],
    members: 4_000_000,
    days: 365,
    seed: 1,
  },
  {
    workers: 2,
    createWorker: () => {
      const w = createNodeWorker();
      started.push(w);
      return w;
    },
    signal: controller.signal,
    onProgress: (d) => {
      if (d > 0.2 && !t0) {
        t0 = performance.now();
        controller.abort();
      }
    },
  },
);
await run.catch((e) => console.log("rejected:", e.name, (performance.now() - t0).toFixed(1), "ms"));
await Promise.all(started.map((w) => w.exited));
console.log("all workers exited", (performance.now() - t0).toFixed(1), "ms after cancel");
