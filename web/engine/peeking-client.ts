import * as Comlink from "comlink";
import type { PeekingResult } from "../../sim/index.ts";
import { type PeekingRun, runPeeking } from "../peeking.ts";
import { workersAllowed } from "./browser-pool.ts";
import type { PeekingWorkerApi } from "./peeking-worker.ts";

/** Why a peeking run ended without a result: cancelled by the page. */
export class PeekingCancelled extends Error {
  constructor() {
    super("cancelled");
    this.name = "PeekingCancelled";
  }
}

/**
 * Runs the peeking simulation in a module Web Worker of its own, reporting progress, and
 * terminates the worker when done, failed or aborted (`signal`): nothing stays behind. A worker
 * whose script fails to load never answers Comlink, so its `error` event rejects too. Where the
 * page may not start workers (`workersAllowed`), it runs in the page.
 */
export async function runPeekingInWorker(
  run: PeekingRun,
  onProgress: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<PeekingResult> {
  if (signal?.aborted) throw new PeekingCancelled();
  if (!workersAllowed) {
    // A page that may not start workers (file:// in Chromium) simulates in its own thread; the
    // page shows the run's start first, then pauses until the result.
    await new Promise((next) => setTimeout(next, 0));
    if (signal?.aborted) throw new PeekingCancelled();
    return runPeeking(run, onProgress);
  }
  const worker = new Worker(new URL("./peeking-worker.ts", import.meta.url), { type: "module" });
  const remote = Comlink.wrap<PeekingWorkerApi>(worker);
  const callback = Comlink.proxy(onProgress);
  let abort = () => {};
  const stopped = new Promise<never>((_, reject) => {
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      reject(new Error(event.message || "the simulation worker could not start"));
    });
    abort = () => reject(new PeekingCancelled());
    signal?.addEventListener("abort", abort, { once: true });
  });
  try {
    return await Promise.race([remote.run(run, callback), stopped]);
  } finally {
    signal?.removeEventListener("abort", abort);
    remote[Comlink.releaseProxy]();
    worker.terminate();
  }
}
