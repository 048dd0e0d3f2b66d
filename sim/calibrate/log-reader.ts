import { InputError, show } from "../errors.ts";
import { type BadRowKind, type BadRowReport, BadRows, LogInputError } from "./bad-rows.ts";
import { type ColumnChoice, type Columns, chooseColumns, isHeader } from "./columns.ts";
import { type DayMonthOrder, NEEDS_ORDER, parseDate } from "./dates.ts";
import { type Delimiter, detectDelimiter, splitFields } from "./delimited.ts";
import { PurchaseStore } from "./purchase-store.ts";

export type ImportOptions = {
  /** `id,date[,amount]` as header names or 1-based indexes; else chosen by header name. */
  columns?: string;
  /** How to read d/m/y dates; without it such a date is refused. */
  dateFormat?: DayMonthOrder;
};

/** A transaction log read into per-customer purchase days. */
export type TransactionLog = {
  /** The log's name in messages: its path, or a browser file's name. */
  file: string;
  delimiter: Delimiter;
  header: string[] | undefined;
  columns: Columns;
  /** How the columns were chosen, in a sentence for the report. */
  columnChoice: ColumnChoice;
  /** Rows read without fault, and how many of them merged into a purchase on the same day. */
  rows: number;
  mergedRows: number;
  purchases: PurchaseStore;
  hasAmounts: boolean;
  firstDay: number;
  lastDay: number;
  badRows: BadRowReport;
};

// Enough lines to tell the delimiter and the header, few enough to hold.
const SAMPLE_LINES = 20;

type Setup = ReturnType<typeof prepare>;

/**
 * Reads a CSV, TSV or whitespace-separated transaction log (customer id, date, optional amount)
 * one line at a time, from whatever source: a Node stream (`importTransactions`) or a browser
 * file's text (`readTransactionText`). Handles a BOM, quoted fields and a header or none; bad rows
 * are counted by kind and skipped. `line` and `finish` throw InputError for an empty log, a
 * day/month date without `dateFormat`, columns it cannot place, or no usable row.
 * Quoted fields spanning lines are not supported (each line is one row).
 *
 * @example const reader = new LogReader("log.csv", {}); for (const l of lines) reader.line(l); reader.finish();
 */
export class LogReader {
  private readonly purchases = new PurchaseStore();
  private readonly bad = new BadRows();
  private readonly pending: { text: string; line: number }[] = [];
  private setup: Setup | undefined;
  private lineNumber = 0;
  private sampled = 0;
  private rows = 0;
  private mergedRows = 0;
  private firstDay = Number.POSITIVE_INFINITY;
  private lastDay = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly file: string,
    private readonly options: ImportOptions = {},
  ) {}

  /** One line of the log, without its line end. */
  line(raw: string) {
    this.lineNumber++;
    const text = this.lineNumber === 1 ? raw.replace(/^\uFEFF/, "") : raw;
    if (this.setup) return this.handle(this.setup, text, this.lineNumber);
    this.pending.push({ text, line: this.lineNumber });
    if (text.trim() !== "") this.sampled++;
    if (this.sampled >= SAMPLE_LINES) this.flush();
  }

  /** The log read so far, once every line has been given. */
  finish(): TransactionLog {
    const s = this.setup ?? this.flush();
    const { file, rows, bad } = this;
    if (rows === 0) {
      const why = s.headerLine ? "has a header but no usable rows" : "has no usable rows";
      throw new LogInputError(
        `${file} ${why}${bad.describe()}; check the file and --columns`,
        bad.report(),
      );
    }
    return {
      file,
      delimiter: s.delimiter,
      header: s.header,
      columns: s.columns,
      columnChoice: s.choice,
      rows,
      mergedRows: this.mergedRows,
      purchases: this.purchases,
      hasAmounts: s.columns.amount !== undefined,
      firstDay: this.firstDay,
      lastDay: this.lastDay,
      badRows: bad.report(),
    };
  }

  private flush(): Setup {
    const setup = prepare(this.file, this.pending, this.options);
    this.setup = setup;
    for (const { text, line } of this.pending) this.handle(setup, text, line);
    this.pending.length = 0;
    return setup;
  }

  private handle(s: Setup, text: string, line: number) {
    if (line === s.headerLine) return;
    const fields =
      s.delimiter !== "whitespace" && !text.includes('"')
        ? leadingFields(text, s.delimiter, s.widest + 1, this.scratch)
        : splitFields(text, s.delimiter, s.widest + 1);
    if (fields.length === 1 && fields[0].trim() === "") {
      this.bad.add("blank line", line, text);
      return;
    }
    const { id: idColumn, date: dateColumn, amount: amountColumn } = s.columns;
    if (fields.length <= s.widest) return this.reject(s, "too few columns", text, line);
    const id = fields[idColumn].trim();
    if (id === "") return this.reject(s, "missing customer id", text, line);
    const day = this.dayOf(fields[dateColumn]);
    if (day === NEEDS_ORDER) {
      const date = fields[dateColumn].trim();
      throw new InputError(
        `${this.file} line ${line}, column ${s.dateLabel}: ${show(date)} could be day-first or month-first; pass --date-format DMY or --date-format MDY`,
      );
    }
    if (day === undefined) return this.reject(s, "unparseable date", text, line);
    let amount = 0;
    if (amountColumn !== undefined) {
      const parsed = parseAmount(fields[amountColumn]);
      if (typeof parsed === "string") return this.reject(s, parsed, text, line);
      amount = parsed;
    }
    this.rows++;
    if (this.purchases.add(id, day, amount)) this.mergedRows++;
    if (day < this.firstDay) this.firstDay = day;
    if (day > this.lastDay) this.lastDay = day;
  }

  private readonly scratch: string[] = [];

  private reject(s: Setup, kind: BadRowKind, text: string, line: number) {
    // A header has no date field, so a repeated one always fails; only then compare.
    const repeated = s.headerKey !== undefined && key(text, s.delimiter) === s.headerKey;
    this.bad.add(repeated ? "repeated header" : kind, line, text);
  }

  // Logs repeat the same few hundred dates; remember them, up to a bound.
  private readonly dates = new Map<string, number | typeof NEEDS_ORDER | undefined>();

  private dayOf(text: string) {
    let day = this.dates.get(text);
    if (day === undefined && !this.dates.has(text)) {
      day = parseDate(text, this.options.dateFormat);
      if (this.dates.size < 100_000) this.dates.set(text, day);
    }
    return day;
  }
}

/**
 * The first `limit` fields of a line without quotes split at `delimiter`, written into `into`
 * (reused from line to line, so no array is made per row); as `line.split(delimiter, limit)`.
 */
function leadingFields(line: string, delimiter: string, limit: number, into: string[]): string[] {
  into.length = 0;
  let from = 0;
  while (into.length < limit) {
    const at = line.indexOf(delimiter, from);
    if (at === -1) {
      into.push(line.slice(from));
      break;
    }
    into.push(line.slice(from, at));
    from = at + 1;
  }
  return into;
}

/**
 * Reads a whole log held as text, such as a browser `File`'s `text()`: lines end at LF, CRLF or
 * CR, as Node's readline splits them. Throws InputError as `LogReader` does.
 *
 * @example readTransactionText("log.csv", "id,date\na,1997-01-01\nb,1997-01-02\n").rows // 2
 */
export function readTransactionText(
  file: string,
  text: string,
  options: ImportOptions = {},
): TransactionLog {
  const reader = new LogReader(file, options);
  for (const line of linesOf(text)) reader.line(line);
  return reader.finish();
}

/** The lines of a text without their ends; a final line end starts no empty line. */
export function* linesOf(text: string): Generator<string> {
  const lines: string[] = [];
  const splitter = new LineSplitter((line) => lines.push(line));
  splitter.push(text);
  splitter.end();
  yield* lines;
}

/**
 * Splits text arriving in chunks into lines as Node's readline does (LF, CRLF or a lone CR end a
 * line; a final line end starts no empty line), calling `line` for each. A CR at the end of a
 * chunk waits for the next, which may start with its LF.
 */
export class LineSplitter {
  private carry = "";

  constructor(private readonly line: (text: string) => void) {}

  push(chunk: string): void {
    const text = this.carry + chunk;
    let from = 0;
    const n = text.length;
    if (!text.includes("\r")) {
      // LF only, the common case: let indexOf find the ends.
      for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", from)) {
        this.line(text.slice(from, i));
        from = i + 1;
      }
      this.carry = text.slice(from);
      return;
    }
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        this.line(text.slice(from, i));
        from = i + 1;
      } else if (c === 13) {
        if (i + 1 === n) break; // Wait: an LF may follow in the next chunk.
        this.line(text.slice(from, i));
        if (text.charCodeAt(i + 1) === 10) i++;
        from = i + 1;
      }
    }
    this.carry = text.slice(from);
  }

  end(): void {
    const rest = this.carry;
    this.carry = "";
    if (rest.endsWith("\r")) this.line(rest.slice(0, -1));
    else if (rest !== "") this.line(rest);
  }
}

/** Delimiter, header and columns from the first lines. */
function prepare(
  file: string,
  sample: readonly { text: string; line: number }[],
  options: ImportOptions,
) {
  const nonBlank = sample.filter((p) => p.text.trim() !== "");
  if (nonBlank.length === 0) {
    throw new InputError(
      `${file} is empty; give a log with one row per purchase: customer id, date, amount`,
    );
  }
  const delimiter = detectDelimiter(nonBlank.map((p) => p.text));
  const first = nonBlank[0];
  const firstFields = splitFields(first.text, delimiter).map((f) => f.trim());
  const header = isHeader(firstFields) ? firstFields : undefined;
  const rows = nonBlank.map((p) => splitFields(p.text, delimiter).map((f) => f.trim()));
  const fieldCount = Math.max(...rows.map((fields) => fields.length));
  const { columns, choice } = chooseColumns({
    spec: options.columns,
    header,
    fieldCount,
    sample: header ? rows.slice(1) : rows,
    where: file,
  });
  return {
    delimiter,
    header,
    headerLine: header ? first.line : 0,
    headerKey: header ? key(first.text, delimiter) : undefined,
    columns,
    choice,
    widest: Math.max(columns.id, columns.date, columns.amount ?? 0),
    dateLabel: header ? `${show(header[columns.date])}` : String(columns.date + 1),
  };
}

/** A line's fields normalised, to recognise a header repeated further down. */
function key(text: string, delimiter: Delimiter): string {
  return splitFields(text, delimiter)
    .map((f) => f.trim().toLowerCase())
    .join("\u0000");
}

/** Amounts above this are taken for errors (no single purchase is a quadrillion). */
export const MAX_AMOUNT = 1e15;

/**
 * A purchase amount: "29.33", "$1,234.50", "-0" … Negative amounts (returns), text, and amounts
 * above 1e15 are bad rows, reported as such.
 */
export function parseAmount(text: string): number | BadRowKind {
  // Plain digits with at most one point: most rows of most logs.
  let plain = text.length > 0 && text.length < 20;
  let points = 0;
  for (let i = 0; plain && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) points++;
    else if (c < 48 || c > 57) plain = false;
  }
  if (plain && points <= 1 && text !== ".") {
    const value = Number(text);
    return value > MAX_AMOUNT ? "amount too large" : value;
  }
  let s = text.trim().replace(/^([+-]?)\s*[$€£¥]\s*/, "$1");
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) s = s.replaceAll(",", "");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return "non-numeric amount";
  const value = Number(s);
  if (!Number.isFinite(value)) return "amount too large";
  if (value < 0) return "negative amount";
  if (value > MAX_AMOUNT) return "amount too large";
  return value;
}
