// Workers load TypeScript the way the CLI does: tsx, registered in this thread first.
import { register } from "tsx/esm/api";

register();
await import("./node-worker.ts");
