// The Web Worker entry: the same engine API the Node worker_threads expose (sim/pool/worker-api.ts).

import * as Comlink from "comlink";
import { createWorkerApi } from "../../sim/index.ts";

Comlink.expose(createWorkerApi());
