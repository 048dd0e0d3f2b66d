import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
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

/**
 * Streams a CSV, TSV or whitespace-separated transaction log (customer id, date, optional amount)
 * into per-customer purchase days. Handles a BOM, CRLF, quoted fields and a header or none; bad
 * rows are counted by kind and skipped. Throws InputError for a missing or empty file, a
 * day/month date without `dateFormat`, columns it cannot place, or no usable row.
 * Quoted fields spanning lines are not supported (each line is one row).
 */
export async function importTransactions(
  file: string,
  options: ImportOptions = {},
): Promise<TransactionLog> {
  await checkReadable(file);
  const purchases = new PurchaseStore();
  const bad = new BadRows();
  const pending: { text: string; line: number }[] = [];
  let setup: ReturnType<typeof prepare> | undefined;
  let lineNumber = 0;
  let sampled = 0;
  let rows = 0;
  let mergedRows = 0;
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;

  const handle = (text: string, line: number) => {
    const s = setup!;
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
    const day = parseDate(fields[dateColumn], options.dateFormat);
    if (day === NEEDS_ORDER) {
      throw new InputError(
        `${file} line ${line}: date ${show(fields[dateColumn].trim())} could be day-first or month-first; pass --date-format DMY or --date-format MDY`,
      );
    }
    if (day === undefined) return reject("unparseable date");
    let amount = 0;
    if (amountColumn !== undefined) {
      const parsed = parseAmount(fields[amountColumn]);
      if (typeof parsed === "string") return reject(parsed);
      amount = parsed;
    }
    rows++;
    if (purchases.add(id, day, amount)) mergedRows++;
    if (day < firstDay) firstDay = day;
    if (day > lastDay) lastDay = day;
  };
  const flush = () => {
    setup = prepare(file, pending, options);
    for (const { text, line } of pending) handle(text, line);
    pending.length = 0;
  };

  const stream = createReadStream(file, { encoding: "utf8" });
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      lines.close();
      stream.destroy();
      reject(error);
    };
    stream.on("error", (error) => fail(new InputError(`cannot read ${file}: ${error.message}`)));
    lines.on("line", (raw) => {
      if (failed) return;
      lineNumber++;
      const text = lineNumber === 1 ? raw.replace(/^\uFEFF/, "") : raw;
      try {
        if (setup) handle(text, lineNumber);
        else {
          pending.push({ text, line: lineNumber });
          if (text.trim() !== "") sampled++;
          if (sampled >= SAMPLE_LINES) flush();
        }
      } catch (error) {
        fail(error);
      }
    });
    lines.on("close", () => {
      if (failed) return;
      try {
        if (!setup) flush();
        resolve();
      } catch (error) {
        fail(error);
      }
    });
  });

  const s = setup!;
  const badRows = bad.report();
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
    mergedRows,
    purchases,
    hasAmounts: s.columns.amount !== undefined,
    firstDay,
    lastDay,
    badRows,
  };
}

async function checkReadable(file: string) {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new InputError(`cannot read --transactions ${show(file)}: ${why}; check the path`);
  }
  if (!info.isFile()) throw new InputError(`--transactions ${show(file)} is not a file`);
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
