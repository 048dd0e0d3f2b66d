import { InputError, show } from "../errors.ts";
import { type BadRowKind, type BadRowReport, BadRows } from "./bad-rows.ts";
import { type Columns, chooseColumns, isHeader } from "./columns.ts";
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
      throw new InputError(`${file} ${why}${bad.describe()}; check the file and --columns`);
    }
    return {
      file,
      delimiter: s.delimiter,
      header: s.header,
      columns: s.columns,
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
    const { bad } = this;
    if (line === s.headerLine) return;
    if (text.trim() === "") return bad.add("blank line", line, text);
    // A header has no date field, so a repeated one always fails below; only then compare.
    const reject = (kind: BadRowKind) => {
      const repeated = s.headerKey !== undefined && key(text, s.delimiter) === s.headerKey;
      bad.add(repeated ? "repeated header" : kind, line, text);
    };
    const fields = splitFields(text, s.delimiter);
    const { id: idColumn, date: dateColumn, amount: amountColumn } = s.columns;
    if (fields.length <= Math.max(idColumn, dateColumn, amountColumn ?? 0)) {
      return reject("too few columns");
    }
    const id = fields[idColumn].trim();
    if (id === "") return reject("missing customer id");
    const day = parseDate(fields[dateColumn], this.options.dateFormat);
    if (day === NEEDS_ORDER) {
      throw new InputError(
        `${this.file} line ${line}: date ${show(fields[dateColumn].trim())} could be day-first or month-first; pass --date-format DMY or --date-format MDY`,
      );
    }
    if (day === undefined) return reject("unparseable date");
    let amount = 0;
    if (amountColumn !== undefined) {
      const parsed = parseAmount(fields[amountColumn]);
      if (typeof parsed === "string") return reject(parsed);
      amount = parsed;
    }
    this.rows++;
    if (this.purchases.add(id, day, amount)) this.mergedRows++;
    if (day < this.firstDay) this.firstDay = day;
    if (day > this.lastDay) this.lastDay = day;
  }
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
  const end = /\r\n|\n|\r/g;
  let from = 0;
  for (let match = end.exec(text); match; match = end.exec(text)) {
    yield text.slice(from, match.index);
    from = match.index + match[0].length;
  }
  if (from < text.length) yield text.slice(from);
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
  const fieldCounts = nonBlank.map((p) => splitFields(p.text, delimiter).length);
  const fieldCount = Math.max(...fieldCounts);
  const columns = chooseColumns({ spec: options.columns, header, fieldCount, where: file });
  return {
    delimiter,
    header,
    headerLine: header ? first.line : 0,
    headerKey: header ? key(first.text, delimiter) : undefined,
    columns,
  };
}

/** A line's fields normalised, to recognise a header repeated further down. */
function key(text: string, delimiter: Delimiter): string {
  return splitFields(text, delimiter)
    .map((f) => f.trim().toLowerCase())
    .join("\u0000");
}

/**
 * A purchase amount: "29.33", "$1,234.50", "-0" … Negative amounts (returns) and text are bad
 * rows, reported as such.
 */
export function parseAmount(text: string): number | BadRowKind {
  let s = text.trim().replace(/^([+-]?)\s*[$€£¥]\s*/, "$1");
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(s)) s = s.replaceAll(",", "");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return "non-numeric amount";
  const value = Number(s);
  if (!Number.isFinite(value)) return "non-numeric amount";
  if (value < 0) return "negative amount";
  return value;
}
