import * as Comlink from "comlink";
import { createWorkerApi, type PoolWorker, type WorkerApi } from "../../sim/index.ts";

/** The engine's worker; written out in full where used, the form Vite finds and bundles. */
const startWorker = () =>
  new Worker(new URL("./browser-worker.ts", import.meta.url), { type: "module" });

/**
 * Whether this page may start the engine's module workers. Chromium refuses any worker to a page
 * opened from file:// (origin 'null': constructing one throws a SecurityError), so there the
 * engine runs in the page itself. Over HTTP(S) workers are always tried.
 */
export const workersAllowed: boolean = (() => {
  if (location.protocol !== "file:") return true;
  try {
    startWorker().terminate();
    return true;
  } catch {
    return false;
  }
})();

/**
 * One engine Web Worker behind Comlink, for `runComparison`'s `createWorker`. A worker whose script
 * fails to load never answers Comlink, so its calls also reject on the worker's `error` event.
 * Where the page may not start workers (`workersAllowed`), the same engine API in this thread.
 */
export function createBrowserWorker(): PoolWorker {
  if (!workersAllowed) return inThread();
  const worker = startWorker();
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
      if (key !== "prepare" && key !== "runBlock" && key !== "summariseBlock") return value;
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

/**
 * The engine API in the page's own thread, for a page without workers. Each block waits for a task
 * of its own, so the page repaints (progress) and takes clicks (Cancel) between blocks.
 */
function inThread(): PoolWorker {
  const local = createWorkerApi();
  const api = {
    prepare: async (...args: Parameters<WorkerApi["prepare"]>) => local.prepare(...args),
    runBlock: async (...args: Parameters<WorkerApi["runBlock"]>) => {
      await new Promise((next) => setTimeout(next, 0));
      return local.runBlock(...args);
    },
    summariseBlock: async (...args: Parameters<WorkerApi["summariseBlock"]>) => {
      await new Promise((next) => setTimeout(next, 0));
      return local.summariseBlock(...args);
    },
  };
  // Comlink's proxy members (release, …) are never used on a pool's workers.
  return { api: api as unknown as PoolWorker["api"], terminate: () => {} };
}

/** Workers by default: one per logical core the browser reports. */
export const defaultWorkers = (): number =>
  workersAllowed ? Math.max(1, navigator.hardwareConcurrency || 1) : 1;
