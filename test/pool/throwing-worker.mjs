// A worker that prepares fine and then fails on its first block, for the fault tests.
import { parentPort } from "node:worker_threads";
import * as Comlink from "comlink";
import nodeEndpoint from "comlink/dist/esm/node-adapter.mjs";

Comlink.expose(
  {
    prepare() {},
    runBlock() {
      throw new Error("boom in block");
    },
    summariseBlock() {
      throw new Error("boom in block");
    },
  },
  nodeEndpoint(parentPort),
);
