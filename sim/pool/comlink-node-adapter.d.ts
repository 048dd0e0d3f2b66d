// comlink ships node-adapter.d.ts beside node-adapter.mjs but no mapping for the .mjs path.
declare module "comlink/dist/esm/node-adapter.mjs" {
  import type { Endpoint } from "comlink";
  export default function nodeEndpoint(nep: unknown): Endpoint;
}
