import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  calibrate,
  type ImportOptions,
  importTransactions,
  parseDate,
  summarise,
  type TransactionLog,
} from "../../sim/calibrate/index.ts";
import { InputError } from "../../sim/errors.ts";

const dir = mkdtempSync(join(tmpdir(), "retention-lab-import-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
function file(text: string): string {
  const path = join(dir, `log-${++files}.txt`);
  writeFileSync(path, text);
  return path;
}

/** Each customer's purchases as [YYYY-MM-DD, amount] in date order. */
function purchases(log: TransactionLog): Record<string, [string, number][]> {
  const out: Record<string, [string, number][]> = {};
  log.purchases.ids.forEach((id, c) => {
    out[id] = [];
    log.purchases.forEachPurchase(c, (day, amount) => {
      out[id].push([new Date(day * 86_400_000).toISOString().slice(0, 10), amount]);
    });
  });
  return out;
}
const read = (text: string, options: ImportOptions = {}) => importTransactions(file(text), options);

describe("importTransactions", () => {
  it("reads a CSV with a BOM, CRLF line ends, a header and quoted fields holding commas and quotes", async () => {
    const log = await read(
      '\uFEFFcustomer_id,date,amount\r\n"Acme, Inc.",1997-01-01,"1,234.50"\r\n' +
        '"Bo ""the"" buyer",1997-01-02,5\r\nc3,1997/01/03,"$7.25"\r\n',
    );
    expect(log.delimiter).toBe(",");
    expect(log.header).toEqual(["customer_id", "date", "amount"]);
    expect(purchases(log)).toEqual({
      "Acme, Inc.": [["1997-01-01", 1234.5]],
      'Bo "the" buyer': [["1997-01-02", 5]],
      c3: [["1997-01-03", 7.25]],
    });
    expect(log.badRows.total).toBe(0);
  });

  it("reads a TSV without a header as customer id, date, amount", async () => {
    const log = await read("a\t19970101\t10\nb\t19970102\t20\na\t19970105\t30\n");
    expect(log.delimiter).toBe("\t");
    expect(log.header).toBeUndefined();
    expect(purchases(log)).toEqual({
      a: [
        ["1997-01-01", 10],
        ["1997-01-05", 30],
      ],
      b: [["1997-01-02", 20]],
    });
  });

  it("reads whitespace-separated columns picked with --columns as 1-based indexes", async () => {
    const log = await read(
      " 00004 00001 19970101 2 29.33\r\n 00004 00001 19970118 2 29.73\r\n 00021 00002 19970101 3 63.34\r\n",
      {
        columns: "2,3,5",
      },
    );
    expect(log.delimiter).toBe("whitespace");
    expect(purchases(log)).toEqual({
      "00001": [
        ["1997-01-01", 29.33],
        ["1997-01-18", 29.73],
      ],
      "00002": [["1997-01-01", 63.34]],
    });
  });

  it("chooses columns by header name in any order, and by --columns names", async () => {
    const text = "Order Date,Dollars,Notes,Customer\n1997-01-01,3,x,a\n1997-01-02,4,y,b\n";
    const byHeader = await read(text);
    expect(byHeader.columns).toEqual({ id: 3, date: 0, amount: 1 });
    const byName = await read(text, { columns: "customer,order date" });
    expect(byName.columns).toEqual({ id: 3, date: 0, amount: undefined });
    expect(byName.hasAmounts).toBe(false);
  });

  it("takes a first row with a bad date for data, not for a header", async () => {
    const log = await read("a,1997-02-30,10\nb,1997-01-02,20\nc,1997-01-03,30\n");
    expect(log.header).toBeUndefined();
    expect(log.rows).toBe(2);
    expect(log.badRows.examples).toEqual([
      { line: 1, kind: "unparseable date", text: "a,1997-02-30,10" },
    ]);
  });

  it("merges a customer's same-day purchases, summing amounts, whatever the row order", async () => {
    const log = await read(
      "id,date,amount\na,1997-01-05,1\nb,1997-01-01,2\na,1997-01-01,3\na,1997-01-05,4\na,1997-01-03,5\na,1997-01-01,6\n",
    );
    expect(purchases(log).a).toEqual([
      ["1997-01-01", 9],
      ["1997-01-03", 5],
      ["1997-01-05", 5],
    ]);
    expect(log.mergedRows).toBe(2);
  });

  it("refuses a day/month date without --date-format, naming the line, the column, the value and the fix", async () => {
    const path = file("id,date,amount\na,1997-01-01,1\nb,03/04/1997,2\n");
    await expect(importTransactions(path)).rejects.toThrow(InputError);
    await expect(importTransactions(path)).rejects.toThrow(
      `${path} line 3, column "date": "03/04/1997" could be day-first or month-first; pass --date-format DMY or --date-format MDY`,
    );
    const bare = file("a 03/04/1997 1\nb 1997-01-02 2\n");
    await expect(importTransactions(bare)).rejects.toThrow(
      `${bare} line 1, column 2: "03/04/1997" could be day-first or month-first`,
    );
  });

  it("reads day-first dates with DMY and month-first dates with MDY", async () => {
    const text = "id,date\na,03/04/1997\nb,13/04/1997 10:15\n";
    expect(purchases(await read(text, { dateFormat: "DMY" }))).toEqual({
      a: [["1997-04-03", 0]],
      b: [["1997-04-13", 0]],
    });
    const mdy = await read(text, { dateFormat: "MDY" });
    expect(purchases(mdy)).toEqual({ a: [["1997-03-04", 0]] });
    expect(mdy.badRows.byKind).toEqual({ "unparseable date": 1 });
  });

  it("skips bad rows, counting them by kind and reporting the first lines with their numbers", async () => {
    const log = await read(
      [
        "customer,date,amount",
        "a,1997-01-01,10",
        "",
        "a,1997-02-30,10",
        "customer,date,amount",
        "b,1997-01-02,-5",
        "b,1997-01-02,ten",
        "c,1997-01-03",
        ",1997-01-04,1",
        "b,1997-01-09,2",
        "c,yesterday,1",
        "d,1997-01-10,1",
      ].join("\n"),
    );
    expect(log.rows).toBe(3);
    expect(log.badRows.total).toBe(8);
    expect(log.badRows.byKind).toEqual({
      "blank line": 1,
      "unparseable date": 2,
      "repeated header": 1,
      "negative amount": 1,
      "non-numeric amount": 1,
      "too few columns": 1,
      "missing customer id": 1,
    });
    expect(log.badRows.examples).toEqual([
      { line: 3, kind: "blank line", text: "" },
      { line: 4, kind: "unparseable date", text: "a,1997-02-30,10" },
      { line: 5, kind: "repeated header", text: "customer,date,amount" },
      { line: 6, kind: "negative amount", text: "b,1997-01-02,-5" },
      { line: 7, kind: "non-numeric amount", text: "b,1997-01-02,ten" },
    ]);
  });

  it("refuses an empty file, and one with only blank lines", async () => {
    for (const text of ["", "\n \r\n\n"]) {
      const path = file(text);
      await expect(importTransactions(path)).rejects.toThrow(`${path} is empty`);
    }
  });

  it("refuses a file whose every row is bad, with the bad-row counts", async () => {
    const path = file("id,date,amount\na,someday,1\nb,never,2\n");
    await expect(importTransactions(path)).rejects.toThrow(
      /has a header but no usable rows \(2 bad rows: 2 unparseable date; first at line 2/,
    );
  });

  it("refuses a missing file, naming it", async () => {
    const path = join(dir, "nope.csv");
    await expect(importTransactions(path)).rejects.toThrow(
      `cannot read --transactions "${path}": no such file; check the path`,
    );
  });

  it("refuses columns it cannot place, saying to pass --columns", async () => {
    await expect(read("customer,when_bought,store,note\na,1997-01-01,s,n\n")).rejects.toThrow(
      /no date column among the header's "customer, when_bought, store, note"; pass --columns/,
    );
    // Two columns, the header's names unknown and the second column no date: nothing to go by.
    await expect(read("name,city\nalice,beijing\nbob,paris\n")).rejects.toThrow(
      /no customer id column among the header's "name, city"; pass --columns/,
    );
    await expect(read("1,2\n3,4\n")).rejects.toThrow(
      /has no header and its column 2 does not read as dates \(first row: "1, 2"\); pass --columns/,
    );
    await expect(read("1 2 19970101 3 4\n5 6 19970102 7 8\n")).rejects.toThrow(
      /has no header and 5 columns; pass --columns/,
    );
    await expect(read("id,date\na,1997-01-01\n", { columns: "id,when" })).rejects.toThrow(
      /invalid --columns: "id,when"; no column "when"/,
    );
  });

  it.each([
    ["cust,date\n", "cust"],
    ["customer,date\n", "customer"],
    ["Client ID,Order Date,Total\n", "Client ID"],
    ["user_id,timestamp,amount\n", "user_id"],
    ["MemberNo,day,spend\n", "MemberNo"],
    ["buyer,date,value\n", "buyer"],
    ["客户,日期,金额\n", "客户"],
    ["会员ID,下单时间,实付金额\n", "会员ID"],
    ["用户编号,支付日期,订单金额\n", "用户编号"],
  ])("recognises the header %j, customer id %j", async (header, id) => {
    const rows = ["x1,2024-01-02,5", "x2,2024-01-03,6", "x1,2024-02-01,7"];
    const columns = header.split(",").length;
    const body = rows.map((row) => row.split(",").slice(0, columns).join(",")).join("\n");
    const log = await read(`${header}${body}\n`);
    expect(log.header?.[log.columns.id]).toBe(id);
    expect(log.columns).toMatchObject({ id: 0, date: 1 });
    expect(log.columnChoice.how).toBe("header");
    expect(log.columnChoice.note).toContain(`customer id "${id}" (column 1)`);
    expect(log.rows).toBe(3);
    expect(log.purchases.customers).toBe(2);
  });

  it("prefers an id form to a bare name and either to a column that merely contains one", async () => {
    const log = await read("customer_name,customer_id,date\nAnn,7,2024-01-01\nBo,8,2024-01-02\n");
    expect(log.columns.id).toBe(1);
    const named = await read("user_agent,member,date\nff,m1,2024-01-01\nff,m2,2024-01-02\n");
    expect(named.columns.id).toBe(1);
  });

  it("reads 2 or 3 columns by position when there is no header it knows, and says so", async () => {
    const bare = await read("c1,2024-01-01,5\nc2,2024-01-02,6\n");
    expect(bare.columns).toEqual({ id: 0, date: 1, amount: 2 });
    expect(bare.columnChoice).toMatchObject({
      how: "position",
      note: "no header: columns read by position: 1 customer id, 2 date, 3 amount",
    });
    const unknown = await read("a,b,c\nc1,2024-01-01,5\nc2,2024-01-02,6\n");
    expect(unknown.header).toEqual(["a", "b", "c"]);
    expect(unknown.rows).toBe(2);
    expect(unknown.columnChoice).toMatchObject({
      how: "position",
      id: '"a" (column 1)',
      amount: '"c" (column 3)',
      note: 'header "a, b, c" not recognised: columns read by position: 1 customer id, 2 date, 3 amount',
    });
    // A header naming only the customer, in the first column, still reads by position.
    const partly = await read("customer,when_bought\na,1997-01-01\nb,1997-01-02\n");
    expect(partly.columns).toEqual({ id: 0, date: 1, amount: undefined });
    expect(partly.columnChoice.how).toBe("position");
    expect(partly.hasAmounts).toBe(false);
  });

  it("lets --columns override the header, and says so", async () => {
    const log = await read("cust,date,amount,paid\na,2024-01-01,5,4\nb,2024-01-02,6,5\n", {
      columns: "cust,date,paid",
    });
    expect(log.columns).toEqual({ id: 0, date: 1, amount: 3 });
    expect(log.columnChoice).toMatchObject({
      how: "option",
      note: 'columns from --columns: customer id "cust" (column 1), date "date" (column 2), amount "paid" (column 4)',
    });
  });

  it("reports a header without an amount column, so spend is not fitted", async () => {
    const log = await read("cust,date,store\na,2024-01-01,s1\nb,2024-01-02,s2\n");
    expect(log.hasAmounts).toBe(false);
    expect(log.columnChoice.note).toContain("no amount column recognised");
  });

  it("skips amounts above 1e15 as bad rows, and reads plain and formatted amounts alike", async () => {
    const log = await read(
      'id,date,amount\na,2024-01-01,12.50\nb,2024-01-01,2e15\nc,2024-01-01,"$1,000.25"\nd,2024-01-01,999999999999999999999\n',
    );
    expect(log.badRows.byKind).toEqual({ "amount too large": 2 });
    expect(log.badRows.examples.map((e) => e.line)).toEqual([3, 5]);
    expect(purchases(log).a).toEqual([["2024-01-01", 12.5]]);
    expect(purchases(log).c).toEqual([["2024-01-01", 1000.25]]);
  });

  it("reads a log longer than its detection sample, rows in any order", async () => {
    const rows: string[] = [];
    for (let i = 0; i < 500; i++)
      rows.push(`c${i % 50},1997-${String(1 + (i % 12)).padStart(2, "0")}-01,1`);
    const log = await read(rows.reverse().join("\n"));
    expect(log.purchases.customers).toBe(50);
    expect(log.rows).toBe(500);
    // Customer k's 10 rows fall in months k, k+2, …, k+10 (mod 12), then repeat 4 of them.
    expect(log.mergedRows).toBe(50 * 4);
  });
});

describe("summarise", () => {
  const end = (date: string) => parseDate(date) as number;

  it("refuses a log of one customer", async () => {
    const log = await read("id,date\na,1997-01-01\na,1997-02-01\n");
    expect(() => summarise(log, { unit: "week" })).toThrow(/has only one customer/);
  });

  it("refuses a calibration end before every first purchase, saying to pass a later one", async () => {
    const log = await read("id,date\na,1997-01-01\nb,1997-02-01\n");
    expect(() => summarise(log, { unit: "week", calibrationEnd: end("1996-12-31") })).toThrow(
      /no customer made a first purchase on or before the calibration end 1996-12-31; pass a later --calibration-end/,
    );
    expect(() => summarise(log, { unit: "week", calibrationEnd: end("1997-01-15") })).toThrow(
      /only one customer made a first purchase/,
    );
  });

  it("takes the whole log as calibration without a calibration end, in days or weeks", async () => {
    const log = await read(
      "id,date,amount\na,1997-01-01,5\na,1997-01-08,7\na,1997-01-15,9\nb,1997-01-08,1\n",
    );
    const weeks = summarise(log, { unit: "week" });
    expect(weeks.customers.map(({ id, x, tx, T, zbar }) => ({ id, x, tx, T, zbar }))).toEqual([
      { id: "a", x: 2, tx: 2, T: 2, zbar: 8 },
      { id: "b", x: 0, tx: 0, T: 1, zbar: 0 },
    ]);
    const days = summarise(log, { unit: "day", calibrationEnd: end("1997-01-10") });
    expect(days.customers[0]).toMatchObject({ x: 1, tx: 7, T: 9, zbar: 7, holdoutX: 1 });
    expect(days.holdoutTransactions).toBe(1);
  });

  it("refuses to fit a log where nobody buys again by the calibration end", async () => {
    const path = file("id,date\na,1997-01-01\nb,1997-01-02\na,1997-03-01\n");
    await expect(
      calibrate(path, { unit: "week", calibrationEnd: end("1997-02-01") }),
    ).rejects.toThrow(
      `${path}: no customer bought again by the calibration end 1997-02-01, so there is nothing to fit; pass a later --calibration-end or a longer log`,
    );
  });
});
