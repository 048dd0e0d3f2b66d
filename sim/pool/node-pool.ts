import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import * as Comlink from "comlink";
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";
import type { PoolWorker } from "./pool.ts";
import type { WorkerApi } from "./worker-api.ts";

/** A Node engine worker; `exited` settles when its thread has ended (no zombies). */
export type NodeWorker = PoolWorker & { exited: Promise<void> };

/**
 * The worker's entry: compiled JavaScript beside this module when it is itself compiled (`build/`,
 * made by `npm install`), else a loader that registers tsx in the thread first.
 */
const WORKER_ENTRY = import.meta.url.endsWith(".js") ? "./node-worker.js" : "./node-worker.mjs";

/** One engine worker_thread behind Comlink. */
export function createNodeWorker(url: URL = new URL(WORKER_ENTRY, import.meta.url)): NodeWorker {
  const worker = new Worker(url);
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  // An error inside the thread reaches the pending Comlink call; this keeps Node from also
  // treating it as an unhandled 'error' event.
  worker.on("error", () => {});
  const api = Comlink.wrap<WorkerApi>(nodeEndpoint(worker));
  return {
    api,
    exited,
    terminate: () => {
      api[Comlink.releaseProxy]();
      void worker.terminate();
    },
  };
}

export const defaultWorkers = (): number => availableParallelism();
