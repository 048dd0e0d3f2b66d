import { InputError, show } from "../errors.ts";
import { parseDate } from "./dates.ts";

/** Which fields (0-based) hold the customer id, the date and, if any, the amount. */
export type Columns = { id: number; date: number; amount: number | undefined };

// Header names, compared lower-cased with everything but letters and digits removed.
const ID_NAMES = [
  "customerid",
  "customer",
  "custid",
  "customerno",
  "customernumber",
  "clientid",
  "client",
  "memberid",
  "member",
  "userid",
  "user",
  "buyerid",
  "id",
];
const DATE_NAMES = [
  "date",
  "orderdate",
  "purchasedate",
  "transactiondate",
  "invoicedate",
  "day",
  "datetime",
  "timestamp",
  "time",
  "createdat",
];
const AMOUNT_NAMES = [
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
];

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

/**
 * A first line is a header when none of its fields looks like a date or a number and some field
 * has a letter: "customer_id,date,amount" is, "00004 00001 19970101 2 29.33" and
 * "a,1997-02-30,10" (a bad date, still a data row) are not.
 */
export function isHeader(fields: readonly string[]): boolean {
  const dataLike = (f: string) =>
    parseDate(f) !== undefined || /^[-+$€£¥\d.,/: ]*\d[-+$€£¥\d.,/: ]*$/.test(f);
  if (fields.some(dataLike)) return false;
  return fields.some((f) => /[A-Za-z]/.test(f));
}

/**
 * Chooses the columns: from `--columns id,date[,amount]` (header names or 1-based indexes) when
 * given, else by header name, else positionally for 2–3 columns without a header. `where` names
 * the file in errors.
 */
export function chooseColumns(options: {
  spec: string | undefined;
  header: readonly string[] | undefined;
  fieldCount: number;
  where: string;
}): Columns {
  const { spec, header, fieldCount, where } = options;
  if (spec !== undefined) return fromSpec(spec, header, fieldCount, where);
  if (header) {
    const names = header.map(normalise);
    const pick = (wanted: string[], fallback: string) => {
      for (const w of wanted) {
        const i = names.indexOf(w);
        if (i >= 0) return i;
      }
      const i = names.findIndex((n) => n.includes(fallback));
      return i >= 0 ? i : undefined;
    };
    const id = pick(ID_NAMES, "customer");
    const date = pick(DATE_NAMES, "date");
    const amount = pick(AMOUNT_NAMES, "amount");
    if (id === undefined || date === undefined) {
      const missing = id === undefined ? "customer id" : "date";
      throw new InputError(
        `${where}: no ${missing} column among the header's ${show(header.join(", "))}; pass --columns id,date,amount with their names or 1-based indexes`,
      );
    }
    return { id, date, amount };
  }
  if (fieldCount === 2 || fieldCount === 3) {
    return { id: 0, date: 1, amount: fieldCount === 3 ? 2 : undefined };
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
