// The dashboard's report worker: builds a run's report from its simulated blocks off the page's
// thread, and keeps the blocks so a new α or adjustment re-analyses the same members without
// simulating them again (report-api.ts).
import * as Comlink from "comlink";
import { createReportApi } from "./report-api.ts";
import { warmUp } from "./warm-up.ts";

export type { ReportApi } from "./report-api.ts";

Comlink.expose(createReportApi());
// The merge and report code, compiled before the first run's report (warm-up.ts).
warmUp(3000);
