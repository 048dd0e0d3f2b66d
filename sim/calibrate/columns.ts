import { InputError, show } from "../errors.ts";
import { parseDate } from "./dates.ts";

/** Which fields (0-based) hold the customer id, the date and, if any, the amount. */
export type Columns = { id: number; date: number; amount: number | undefined };

/** How the columns were chosen, for the report. */
export type ColumnChoice = {
  how: "header" | "position" | "option";
  /** The header's names of the chosen columns, or "column N". */
  id: string;
  date: string;
  amount: string | null;
  /** One sentence: what was read from where and why. */
  note: string;
};

/*
 * Header names, compared after `normalise` (lower case, letters and digits of any script only:
 * "Customer ID", "customer_id" and "CUSTOMER-ID" are all "customerid"; "客户 ID" is "客户id").
 * docs/fitting.md lists them; keep the two in step.
 */
export const ID_STEMS = [
  "customer",
  "cust",
  "client",
  "user",
  "member",
  "buyer",
  "客户",
  "会员",
  "用户",
];
export const ID_SUFFIXES = ["id", "no", "number", "code", "key", "编号", "号", "卡号", "代码"];
/** Exact id names, best first: every stem with an id suffix, then the bare stems, then "id". */
export const ID_NAMES = [
  ...ID_STEMS.flatMap((stem) => ID_SUFFIXES.map((suffix) => stem + suffix)),
  ...ID_STEMS,
  "id",
];
export const DATE_NAMES = [
  "date",
  "orderdate",
  "purchasedate",
  "transactiondate",
  "invoicedate",
  "paymentdate",
  "day",
  "datetime",
  "timestamp",
  "time",
  "createdat",
  "日期",
  "下单日期",
  "订单日期",
  "购买日期",
  "交易日期",
  "支付日期",
  "付款日期",
  "消费日期",
  "时间",
  "下单时间",
  "订单时间",
  "购买时间",
  "交易时间",
  "支付时间",
  "付款时间",
  "消费时间",
  "创建时间",
];
export const AMOUNT_NAMES = [
  "amount",
  "dollars",
  "value",
  "ordervalue",
  "revenue",
  "sales",
  "spend",
  "total",
  "totalamount",
  "price",
  "monetary",
  "gmv",
  "金额",
  "订单金额",
  "实付金额",
  "支付金额",
  "付款金额",
  "消费金额",
  "交易金额",
  "销售额",
  "总金额",
  "总额",
  "实付",
  "价格",
];
/** Parts that mark a column when no name matches exactly ("order_date_utc", "客户名称ID"). */
const DATE_PARTS = ["date", "日期", "时间"];
const AMOUNT_PARTS = ["amount", "金额"];

export const normalise = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/**
 * A first line is a header when none of its fields looks like a date or a number and some field
 * has a letter (of any script): "customer_id,date,amount" and "客户,日期,金额" are,
 * "00004 00001 19970101 2 29.33" and "a,1997-02-30,10" (a bad date, still a data row) are not.
 */
export function isHeader(fields: readonly string[]): boolean {
  const dataLike = (f: string) =>
    parseDate(f) !== undefined || /^[-+$€£¥\d.,/: ]*\d[-+$€£¥\d.,/: ]*$/.test(f);
  if (fields.some(dataLike)) return false;
  return fields.some((f) => /\p{L}/u.test(f));
}

/** The index of the first header name in `wanted`, else of a name containing one of `parts`. */
function pick(names: readonly string[], wanted: readonly string[], parts: readonly string[]) {
  for (const w of wanted) {
    const i = names.indexOf(w);
    if (i >= 0) return i;
  }
  for (const part of parts) {
    const i = names.findIndex((n) => n.includes(part));
    if (i >= 0) return i;
  }
  return undefined;
}

/** An id column by a name containing a stem ("customer_name" only after every exact form). */
function pickId(names: readonly string[]): number | undefined {
  const exact = pick(names, ID_NAMES, []);
  if (exact !== undefined) return exact;
  for (const stem of ID_STEMS) {
    const withSuffix = names.findIndex(
      (n) => n.includes(stem) && ID_SUFFIXES.some((suffix) => n.endsWith(suffix)),
    );
    if (withSuffix >= 0) return withSuffix;
  }
  for (const stem of ID_STEMS) {
    const i = names.findIndex((n) => n.includes(stem));
    if (i >= 0) return i;
  }
  return undefined;
}

const ROLES = ["customer id", "date", "amount"];

/**
 * Chooses the columns: from `--columns id,date[,amount]` (header names or 1-based indexes) when
 * given; else by header name (`ID_NAMES`, `DATE_NAMES`, `AMOUNT_NAMES`); else, for a file of 2 or
 * 3 columns without a header or with one it does not recognise, by position (customer id, date,
 * amount) provided the second column of the first rows reads as dates. `sample` holds the first
 * data rows' fields; `where` names the file in errors. The choice comes with a sentence saying it.
 */
export function chooseColumns(options: {
  spec: string | undefined;
  header: readonly string[] | undefined;
  fieldCount: number;
  sample: readonly (readonly string[])[];
  where: string;
}): { columns: Columns; choice: ColumnChoice } {
  const { spec, header, fieldCount, sample, where } = options;
  const label = (i: number | undefined) =>
    i === undefined ? null : header?.[i] ? `"${header[i]}" (column ${i + 1})` : `column ${i + 1}`;
  const describe = (how: ColumnChoice["how"], columns: Columns, note: string): ColumnChoice => ({
    how,
    id: label(columns.id) as string,
    date: label(columns.date) as string,
    amount: label(columns.amount),
    note,
  });
  if (spec !== undefined) {
    const columns = fromSpec(spec, header, fieldCount, where);
    const list = [columns.id, columns.date, columns.amount]
      .map((c, k) => (c === undefined ? "" : `${ROLES[k]} ${label(c)}`))
      .filter(Boolean)
      .join(", ");
    return { columns, choice: describe("option", columns, `columns from --columns: ${list}`) };
  }
  const positional = (): Columns | undefined => {
    if (fieldCount !== 2 && fieldCount !== 3) return undefined;
    if (header && header.length !== fieldCount) return undefined;
    const rows = sample.filter((row) => row.length >= 2);
    const dates = rows.filter((row) => parseDate(row[1]) !== undefined).length;
    if (rows.length > 0 && dates < rows.length / 2) return undefined;
    return { id: 0, date: 1, amount: fieldCount === 3 ? 2 : undefined };
  };
  const byPosition = (columns: Columns) =>
    `columns read by position: 1 customer id, 2 date${columns.amount === undefined ? "" : ", 3 amount"}`;
  if (header) {
    const names = header.map(normalise);
    const id = pickId(names);
    const date = pick(names, DATE_NAMES, DATE_PARTS);
    const amount = pick(names, AMOUNT_NAMES, AMOUNT_PARTS);
    if (id !== undefined && date !== undefined && id !== date) {
      const columns = { id, date, amount: amount === id || amount === date ? undefined : amount };
      const list = [columns.id, columns.date, columns.amount]
        .map((c, k) => (c === undefined ? "" : `${ROLES[k]} ${label(c)}`))
        .filter(Boolean)
        .join(", ");
      const noAmount =
        columns.amount === undefined
          ? "; no amount column recognised, so spend is not fitted (--columns id,date,amount names one)"
          : "";
      return {
        columns,
        choice: describe("header", columns, `columns by header name: ${list}${noAmount}`),
      };
    }
    const columns = positional();
    // Read by position only when what the header does name sits where position puts it.
    if (
      columns &&
      (id === undefined || id === columns.id) &&
      (date === undefined || date === columns.date)
    ) {
      return {
        columns,
        choice: describe(
          "position",
          columns,
          `header ${show(header.join(", "))} not recognised: ${byPosition(columns)}`,
        ),
      };
    }
    const missing = id === undefined ? "customer id" : "date";
    throw new InputError(
      `${where}: no ${missing} column among the header's ${show(header.join(", "))}; pass --columns id,date,amount with their names or 1-based indexes`,
    );
  }
  const columns = positional();
  if (columns) {
    return { columns, choice: describe("position", columns, `no header: ${byPosition(columns)}`) };
  }
  if (fieldCount === 2 || fieldCount === 3) {
    throw new InputError(
      `${where} has no header and its column 2 does not read as dates (first row: ${show((sample[0] ?? []).join(", "))}); pass --columns id,date,amount as 1-based indexes`,
    );
  }
  throw new InputError(
    `${where} has no header and ${fieldCount} columns; pass --columns id,date,amount as 1-based indexes (for CDNOW_sample.txt: --columns 2,3,5)`,
  );
}

function fromSpec(
  spec: string,
  header: readonly string[] | undefined,
  fieldCount: number,
  where: string,
): Columns {
  const parts = spec.split(",").map((p) => p.trim());
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === "")) {
    throw new InputError(
      `invalid --columns: ${show(spec)}; give id,date or id,date,amount as header names or 1-based indexes`,
    );
  }
  const indexes = parts.map((part) => {
    if (/^\d+$/.test(part)) {
      const i = Number(part);
      if (i < 1 || i > fieldCount) {
        throw new InputError(
          `invalid --columns: ${show(spec)}; column ${i} is outside 1–${fieldCount} in ${where}`,
        );
      }
      return i - 1;
    }
    const i = header ? header.map(normalise).indexOf(normalise(part)) : -1;
    if (i < 0) {
      const known = header ? `its header has ${show(header.join(", "))}` : "it has no header";
      throw new InputError(
        `invalid --columns: ${show(spec)}; no column ${show(part)} in ${where} (${known}); use 1-based indexes`,
      );
    }
    return i;
  });
  if (new Set(indexes).size !== indexes.length) {
    throw new InputError(`invalid --columns: ${show(spec)}; the columns must differ`);
  }
  return { id: indexes[0], date: indexes[1], amount: indexes[2] };
}
