// A Node worker_thread running the engine behind Comlink's Node adapter.
import { parentPort } from "node:worker_threads";
import * as Comlink from "comlink";
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";
import { createWorkerApi } from "./worker-api.ts";

if (!parentPort) throw new Error("node-worker.ts must run in a worker_thread");
Comlink.expose(createWorkerApi(), nodeEndpoint(parentPort));
