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
  return idle.shift() ?? startEngineWorker();
}

/**
 * Engine workers waiting for the next run: started ahead (`warmEngineWorkers`) or handed back by
 * a run that ended cleanly (`release`), their code already compiled. A cancel or an error
 * terminates a run's workers instead, so Cancel still stops every thread.
 */
const idle: PoolWorker[] = [];
/** At most this many wait; the rest of a run's workers end with it. */
const MAX_IDLE = 8;

/** Starts `count` engine workers ahead of a run, while the page is idle (they warm up at once). */
export function warmEngineWorkers(count: number): void {
  if (!workersAllowed) return;
  while (idle.length < Math.min(count, MAX_IDLE)) idle.push(startEngineWorker());
}

function startEngineWorker(): PoolWorker {
  const worker = startWorker();
  const remote = Comlink.wrap<WorkerApi>(worker);
  const failed = new Promise<never>((_, reject) => {
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      reject(new Error(event.message || "the engine worker could not start"));
    });
  });
  // A waiting worker that fails (its script did not load) is dropped, never handed to a run.
  failed.catch(() => {
    const at = idle.indexOf(started);
    if (at >= 0) {
      idle.splice(at, 1);
      started.terminate();
    }
  });
  const api = new Proxy(remote, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key !== "prepare" && key !== "runBlock" && key !== "summariseBlock") return value;
      return (...args: unknown[]) => Promise.race([value(...args), failed]);
    },
  });
  const started: PoolWorker = {
    api,
    terminate: () => {
      // A worker that never loaded may refuse the release; it is terminated all the same.
      try {
        remote[Comlink.releaseProxy]();
      } finally {
        worker.terminate();
      }
    },
    release: () => {
      if (idle.length < MAX_IDLE && !idle.includes(started)) idle.push(started);
      else started.terminate();
    },
  };
  return started;
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
