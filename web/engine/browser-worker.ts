// The Web Worker entry: the same engine API the Node worker_threads expose (sim/pool/worker-api.ts).

import * as Comlink from "comlink";
import { createWorkerApi } from "../../sim/index.ts";
import { warmUp } from "./warm-up.ts";

let asked = false;
const api = createWorkerApi();
// Any call from the page (Comlink looks the method up) ends the warm-up below.
Comlink.expose(
  new Proxy(api, {
    get(target, key, receiver) {
      asked = true;
      return Reflect.get(target, key, receiver);
    },
  }),
);

// Warms the engine up in small runs, giving way between them, until the page asks for work: a
// Run clicked at once waits for one small run at most, a Run clicked later finds the code warm.
for (let round = 0; round < 16 && !asked; round++) {
  warmUp(1024, round + 1);
  await new Promise((next) => setTimeout(next, 0));
}
