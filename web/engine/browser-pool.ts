import * as Comlink from "comlink";
import type { PoolWorker, WorkerApi } from "../../sim/index.ts";

/**
 * One engine Web Worker behind Comlink, for `runComparison`'s `createWorker`. A worker whose script
 * fails to load never answers Comlink, so its calls also reject on the worker's `error` event.
 */
export function createBrowserWorker(): PoolWorker {
  const worker = new Worker(new URL("./browser-worker.ts", import.meta.url), { type: "module" });
  const remote = Comlink.wrap<WorkerApi>(worker);
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      reject(new Error(event.message || "the engine worker could not start"));
    });
  });
  failed.catch(() => {});
  const api = new Proxy(remote, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key !== "prepare" && key !== "runBlock") return value;
      return (...args: unknown[]) => Promise.race([value(...args), failed]);
    },
  });
  return {
    api,
    terminate: () => {
      remote[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}

/** Workers by default: one per logical core the browser reports. */
export const defaultWorkers = (): number => Math.max(1, navigator.hardwareConcurrency || 1);
