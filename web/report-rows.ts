export { type ReportRow, reportRows } from "../sim/report/rows.ts";
