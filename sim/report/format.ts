/** Number formatting for the terminal; null and non-finite values print as "—". */
export function fmt(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return value.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

export function pct(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return `${(value * 100).toFixed(digits)} %`;
}

/**
 * A difference with its sign (a true minus sign): percentage points for shares, the value (with
 * `unit` in front, e.g. "¥") for means.
 */
export function signed(
  value: number | null | undefined,
  kind: "proportion" | "mean" | undefined,
  unit = "",
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const sign = value > 0 ? "+" : value < 0 ? "−" : "";
  if (kind === "proportion") return `${sign}${(Math.abs(value) * 100).toFixed(1)} pp`;
  return `${sign}${unit}${fmt(Math.abs(value), 2)}`;
}

/** A p-value: three decimals, two significant digits below 0.001, "<0.0001" below that. */
export function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return "—";
  if (p < 0.0001) return "<0.0001";
  return p >= 0.001 ? p.toFixed(3) : p.toPrecision(2);
}

/** A plain-text table: first column left-aligned, the rest right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join("  ");
  const rule = widths.map((w) => "─".repeat(w)).join("  ");
  return [line(header), rule, ...rows.map(line)].join("\n") + "\n";
}
