import { InputError } from "../errors.ts";

/** Why a row of a transaction log was skipped. */
export type BadRowKind =
  | "blank line"
  | "repeated header"
  | "too few columns"
  | "missing customer id"
  | "unparseable date"
  | "non-numeric amount"
  | "negative amount"
  | "amount too large";

export type BadRowExample = { line: number; kind: BadRowKind; text: string };

export type BadRowReport = {
  total: number;
  byKind: Partial<Record<BadRowKind, number>>;
  /** The first few bad lines, in file order. */
  examples: BadRowExample[];
};

const EXAMPLES = 5;
const MAX_TEXT = 120;

/** Counts skipped rows by kind and keeps the first few for the report. */
export class BadRows {
  private total = 0;
  private readonly byKind: Partial<Record<BadRowKind, number>> = {};
  private readonly examples: BadRowExample[] = [];

  add(kind: BadRowKind, line: number, text: string): void {
    this.total++;
    this.byKind[kind] = (this.byKind[kind] ?? 0) + 1;
    if (this.examples.length < EXAMPLES) {
      const shown = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 3)}...` : text;
      this.examples.push({ line, kind, text: shown });
    }
  }

  report(): BadRowReport {
    return { total: this.total, byKind: { ...this.byKind }, examples: [...this.examples] };
  }

  /** For an error message: " (3 bad rows: 2 unparseable date, 1 blank line; first at line 4: …)". */
  describe(): string {
    if (this.total === 0) return "";
    return ` (${describeBadRows(this.report())})`;
  }
}

/** "3 bad rows: 2 unparseable date, 1 blank line; first at line 4: "x,y,z"". */
export function describeBadRows(report: BadRowReport): string {
  const kinds = Object.entries(report.byKind)
    .map(([kind, n]) => `${n} ${kind}`)
    .join(", ");
  const first = report.examples[0];
  const where = first ? `; first at line ${first.line}: ${JSON.stringify(first.text)}` : "";
  return `${report.total} bad row${report.total === 1 ? "" : "s"}: ${kinds}${where}`;
}

/** An InputError about a log that also carries the rows skipped before it, for a page to list. */
export class LogInputError extends InputError {
  constructor(
    message: string,
    readonly badRows: BadRowReport,
  ) {
    super(message);
  }
}
