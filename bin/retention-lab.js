#!/usr/bin/env node
// The CLI is TypeScript; tsx (a runtime dependency) loads it, so users need no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../sim/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
