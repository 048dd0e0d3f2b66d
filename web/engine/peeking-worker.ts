// The peeking lesson's Web Worker: `runPeeking` (web/peeking.ts) off the main thread, with progress.

import * as Comlink from "comlink";
import { type PeekingRun, runPeeking } from "../peeking.ts";

const api = {
  run: (run: PeekingRun, onProgress: (done: number, total: number) => void) =>
    runPeeking(run, onProgress),
};

export type PeekingWorkerApi = typeof api;

Comlink.expose(api);
