export { type ReportRow, reportRows } from "../sim/index.ts";
