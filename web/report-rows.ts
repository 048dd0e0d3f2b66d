export { type ReportRow, reportRows } from "../sim/report/rows.ts";

/** One colour per arm, shared by the table and the charts (Observable's "observable10" order). */
export const ARM_COLORS = [
  "#4269d0",
  "#efb118",
  "#ff725c",
  "#6cc5b0",
  "#3ca951",
  "#ff8ab7",
  "#a463f2",
  "#97bbf5",
  "#9c6b4e",
  "#9498a0",
];

export const armColor = (index: number): string => ARM_COLORS[index % ARM_COLORS.length];
