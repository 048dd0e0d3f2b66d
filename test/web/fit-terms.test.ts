import { afterEach, describe, expect, it } from "vitest";
import type { Calibration, Limit } from "../../sim/index.ts";
import { DEFAULT_FIT_INPUTS, type FitInputs, fitLog } from "../../web/fit-inputs.ts";
import {
  badRowKind,
  boundaryText,
  columnNote,
  fitMessage,
  gammaGammaNote,
  standardErrorNote,
} from "../../web/fit-terms.ts";
import { setLang } from "../../web/i18n.ts";
import { bgnbdLog, uniformLog } from "../calibrate/synthetic-log.ts";

/*
 * The fit panel's engine texts in Chinese: real logs through the panel's fit (`fitLog`), each text
 * the engine hands over worded in Chinese, with its numbers and the file's names and values
 * carried over, and unchanged in English.
 */

const SLOW = 60_000;
const CJK = /\p{Script=Han}/u;

afterEach(() => setLang("en", false));

const inputs = (patch: Partial<FitInputs> = {}): FitInputs => ({ ...DEFAULT_FIT_INPUTS, ...patch });
const log = (header: string | null, lines: Iterable<string>) =>
  `${[...(header === null ? [] : [header]), ...lines].join("\n")}\n`;

function calibrated(name: string, text: string, options: Partial<FitInputs> = {}): Calibration {
  const outcome = fitLog(name, text, inputs(options));
  if (!outcome.fit) throw new Error(outcome.error);
  return outcome.fit;
}

function refuse(name: string, text: string, options: Partial<FitInputs> = {}): string {
  const outcome = fitLog(name, text, inputs(options));
  if (outcome.fit) throw new Error(`${name} was fitted`);
  return outcome.error;
}

/** The words of 4 or more Latin letters in `text`. */
const words = (text: string) => text.match(/[A-Za-z]{4,}/g) ?? [];
/** The numbers in `text`: "0.165", "1e-6", "2,3,5" as 2, 3 and 5. */
const numbers = (text: string) => text.match(/\d+(?:\.\d+)?(?:e[+-]?\d+)?/g) ?? [];

/**
 * `show(en)` in Chinese: Chinese, no English word of 4+ letters but those of `fromFile` (names
 * and values taken from the log, the file's name), every number of the English kept; and
 * in English `en` itself, or `enShown` where the panel adds a capital and a full stop.
 */
function expectWorded(
  show: (en: string) => string,
  en: string,
  fromFile: string[] = [],
  enShown = en,
): string {
  setLang("en", false);
  expect(show(en)).toBe(enShown);
  setLang("zh", false);
  const zh = show(en);
  setLang("en", false);
  expect(zh, en).toMatch(CJK);
  const allowed = new Set(fromFile.flatMap(words));
  expect(
    words(zh).filter((w) => !allowed.has(w)),
    zh,
  ).toEqual([]);
  for (const n of numbers(en)) expect(zh, `${n} of ${en}`).toContain(n);
  for (const name of fromFile) expect(zh, en).toContain(name);
  return zh;
}

const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

/** Every text of a fit the summary shows, worded; `fromFile` as `expectWorded`'s. */
function expectFitWorded(c: Calibration, fromFile: string[] = []) {
  expectWorded(columnNote, c.log.columnChoice.note, fromFile);
  for (const fitted of [c.bgnbd, c.gammaGamma]) {
    if (fitted?.standardErrorNote) {
      const note = fitted.standardErrorNote;
      expectWorded(standardErrorNote, note, [], capitalised(note));
    }
    if (fitted?.boundary) {
      const boundary = fitted.boundary;
      expectWorded(() => boundaryText(boundary), `${boundary.message}.`);
    }
  }
  if (c.gammaGammaNote) expectWorded(gammaGammaNote, c.gammaGammaNote);
  for (const kind of Object.keys(c.log.badRows.byKind)) expectWorded(badRowKind, kind);
}

const uniform = (customers: number, seed: number) => [...uniformLog({ customers, seed })];

describe("the fit panel's engine texts in Chinese", () => {
  it(
    "words a log read by position, with and without amounts, and the no-amount Gamma-Gamma note",
    () => {
      const lines = uniform(400, 3);
      const three = calibrated("by-position.csv", log(null, lines));
      expect(three.log.columnChoice.note).toBe(
        "no header: columns read by position: 1 customer id, 2 date, 3 amount",
      );
      setLang("zh", false);
      expect(columnNote(three.log.columnChoice.note)).toBe(
        "没有表头，按位置读取列：第 1 列为客户编号，第 2 列为日期，第 3 列为金额",
      );
      expectFitWorded(three);

      const two = calibrated(
        "two.csv",
        log(
          null,
          lines.map((l) => l.replace(/,[^,]*$/, "")),
        ),
      );
      expect(two.log.columnChoice.note).toBe(
        "no header: columns read by position: 1 customer id, 2 date",
      );
      expect(two.gammaGammaNote).toBe("no amount column");
      expectFitWorded(two);

      const unknown = calibrated("kunde.csv", log("Kunde,Tag,Betrag", lines));
      expect(unknown.log.columnChoice.note).toBe(
        'header "Kunde, Tag, Betrag" not recognised: columns read by position: 1 customer id, 2 date, 3 amount',
      );
      expectFitWorded(unknown, ['"Kunde, Tag, Betrag"']);
    },
    SLOW,
  );

  it(
    "words a log with a header, its column list and the no-amount remark, and columns from the Columns field",
    () => {
      const lines = uniform(400, 4);
      const named = calibrated("named.csv", log("cust,purchase date,spend", lines));
      expect(named.log.columnChoice.note).toBe(
        'columns by header name: customer id "cust" (column 1), date "purchase date" (column 2), amount "spend" (column 3)',
      );
      setLang("zh", false);
      expect(columnNote(named.log.columnChoice.note)).toBe(
        "按表头名称识别列：客户编号：“cust”（第 1 列）、日期：“purchase date”（第 2 列）、金额：“spend”（第 3 列）",
      );
      expectFitWorded(named, ["cust", "purchase date", "spend"]);

      const noAmount = calibrated("no-amount.csv", log("member_no,order_date,note", lines));
      expect(noAmount.log.columnChoice.note).toContain("; no amount column recognised");
      expectFitWorded(noAmount, ["member_no", "order_date"]);

      const byName = calibrated("by-name.csv", log("cust,purchase date,spend", lines), {
        columns: "cust,purchase date,spend",
      });
      expect(byName.log.columnChoice.note).toBe(
        'columns from --columns: customer id "cust" (column 1), date "purchase date" (column 2), amount "spend" (column 3)',
      );
      expectFitWorded(byName, ["cust", "purchase date", "spend"]);

      const byIndex = calibrated(
        "by-index.txt",
        log(
          null,
          lines.map((l) => `x,${l}`),
        ),
        { columns: "2,3,4" },
      );
      expect(byIndex.log.columnChoice.note).toBe(
        "columns from --columns: customer id column 2, date column 3, amount column 4",
      );
      expectFitWorded(byIndex);
    },
    SLOW,
  );

  it(
    "words every kind of bad row, in the fit and in the error of a log with no usable row",
    () => {
      const bad = [
        "",
        "id,date,amount",
        "lonely",
        ",2024-02-01,5",
        "x,someday,5",
        "x,2024-02-01,lots",
        "x,2024-02-01,-5",
        "x,2024-02-01,2e16",
      ];
      const lines = uniform(400, 5);
      const c = calibrated(
        "bad.csv",
        log("id,date,amount", [...lines.slice(0, 200), ...bad, ...lines]),
      );
      expect(Object.keys(c.log.badRows.byKind).sort()).toEqual([
        "amount too large",
        "blank line",
        "missing customer id",
        "negative amount",
        "non-numeric amount",
        "repeated header",
        "too few columns",
        "unparseable date",
      ]);
      expectFitWorded(c, ["id", "date", "amount"]);
      setLang("zh", false);
      expect(Object.keys(c.log.badRows.byKind).map(badRowKind).sort()).toEqual(
        [
          "空行",
          "重复的表头",
          "列数不足",
          "缺少客户编号",
          "无法识别的日期",
          "金额不是数字",
          "负金额",
          "金额过大",
        ].sort(),
      );

      const error = refuse("short.csv", "id,date,amount\na,someday,5\nb,2024-01-01,-1\n");
      expect(error).toBe(
        'short.csv has a header but no usable rows (2 bad rows: 1 unparseable date, 1 negative amount; first at line 2: "a,someday,5"); check the file and Columns',
      );
      const zh = expectWorded(fitMessage, error, ["short.csv", '"a,someday,5"']);
      expect(zh).toBe(
        'short.csv 有表头但没有可用的行（2 行有误：无法识别的日期 1 行、负金额 1 行；第一处在第 2 行："a,someday,5"）；请检查文件和“列”',
      );
      const headerOnly = refuse("header.csv", "id,date,amount\n");
      expect(headerOnly).toBe(
        "header.csv has a header but no usable rows; check the file and Columns",
      );
      expectWorded(fitMessage, headerOnly, ["header.csv"]);
      const blank = refuse("blank.csv", "id,date,amount\n\n");
      expect(blank).toContain('(1 bad row: 1 blank line; first at line 2: "")');
      expect(expectWorded(fitMessage, blank, ["blank.csv"])).toContain(
        '（1 行有误：空行 1 行；第一处在第 2 行：""）',
      );
      const noHeader = refuse("dates.csv", "a,2024-01-01,zero\nb,2024-01-02,none\n");
      expect(noHeader).toMatch(/^dates\.csv has no usable rows \(2 bad rows: 2 non-numeric/);
      expectWorded(fitMessage, noHeader, ["dates.csv", '"a,2024-01-01,zero"']);
    },
    SLOW,
  );

  it(
    "words the NBD limit with its evidence, and the standard errors missing at it",
    () => {
      const c = calibrated("no-drop-out.csv", log("customer_id,date,amount", uniform(3000, 1)));
      const limit = c.bgnbd.boundary?.message ?? "";
      expect(limit).toBe(
        "No evidence of drop-out in this log (drop-out would raise the log-likelihood by only 0.48, likelihood-ratio p = 0.165): the fit is the NBD limit; predictions assume nobody leaves (a/(a + b) → 0)",
      );
      expect(c.bgnbd.standardErrorNote).toBe(
        "no standard errors for a, b: they sit at a limit, where the log-likelihood is flat in them",
      );
      expectFitWorded(c, ["customer_id", "date", "amount"]);
      setLang("zh", false);
      expect(boundaryText(c.bgnbd.boundary ?? { limits: [], message: "" })).toBe(
        "这份记录中没有流失的证据（加入流失只能让对数似然提高 0.48，似然比检验 p = 0.165）：拟合结果取 NBD 极限，预测假定没有人流失（a/(a + b) → 0）。",
      );
      expect(standardErrorNote(c.bgnbd.standardErrorNote ?? "")).toBe(
        "a、b 没有标准误：参数位于极限处，对数似然在该方向上是平的。",
      );
    },
    SLOW,
  );

  it(
    "words the same drop-out and the Poisson limits, a single repeat buyer, and spend at its limits",
    () => {
      const same = calibrated(
        "same.csv",
        log("id,date,amount", [
          ...bgnbdLog({
            customers: 5000,
            seed: 2,
            params: { r: 1e6, alpha: 1e6 / 0.05, a: 3e5, b: 7e5 },
            joinDays: 90,
            days: 365,
          }),
        ]),
      );
      expect(same.bgnbd.boundary?.limits.map((l) => l.parameters)).toEqual([
        "a, b → ∞",
        "r, α → ∞",
      ]);
      expectFitWorded(same, ["id", "date", "amount"]);

      const once = Array.from(
        { length: 200 },
        (_, i) => `c${i},2024-0${1 + (i % 9)}-1${i % 10},${10 + (i % 7)}`,
      );
      const single = calibrated("single.csv", log("id,date,amount", [...once, "c0,2024-11-20,15"]));
      expect(single.gammaGammaNote).toBe(
        "one repeat buyer (mean repeat amount 15) is too few to fit spend across customers",
      );
      expect(single.bgnbd.boundary?.message).toMatch(/^No evidence of drop-out in this log:/);
      expectFitWorded(single, ["id", "date", "amount"]);

      const base = uniform(2000, 5);
      const days = new Set<string>();
      const flat = base
        .map((line) => line.replace(/,[^,]*$/, ",10"))
        .filter((line) => {
          const key = line.split(",").slice(0, 2).join();
          if (days.has(key)) return false;
          days.add(key);
          return true;
        });
      const flatFit = calibrated("flat.csv", log(null, flat));
      expect(flatFit.gammaGammaNote).toBe(
        "every repeat buyer's mean repeat amount is 10: no spread to fit",
      );
      expectFitWorded(flatFit);

      const nearlyFlat = calibrated(
        "nearly-flat.csv",
        log(
          null,
          base.map((l) => l.replace(/,[^,]*$/, ",10")),
        ),
      );
      expect(nearlyFlat.gammaGamma?.boundary?.message).toBe(
        "Each customer spends nearly the same amount on every purchase (p → ∞)",
      );
      expect(nearlyFlat.gammaGamma?.standardErrorNote).toMatch(/sits at a bound of the search/);
      expectFitWorded(nearlyFlat);
    },
    SLOW,
  );

  it("words every refusal of a log in the panel, naming the file, line, column and value", () => {
    const cdnowLike = "00001 00001 19970101 1 11.77\n00002 00002 19970112 1 12.00\n";
    const cases: [string, string, Partial<FitInputs>, string[]][] = [
      ["empty.csv", "", {}, []],
      ["garbage.txt", "garbage\nfoo bar\n", {}, ['"garbage"']],
      ["nodate.csv", "id,when\na,later\n", {}, ['"id, when"']],
      ["letters.csv", "a,b,c\nd,e,f\n", {}, ['"a, b, c"']],
      ["bad-dates.csv", "1,x,5\n2,y,6\n", {}, ['"1, x, 5"']],
      ["cdnow.txt", cdnowLike, {}, ["CDNOW_sample.txt"]],
      ["cdnow.txt", cdnowLike, { columns: "2" }, []],
      ["cdnow.txt", cdnowLike, { columns: "2,3,9" }, []],
      [
        "head.csv",
        "customer,date,amount\na,2024-01-01,3\n",
        { columns: "customer,when" },
        ['"customer,when"', '"customer, date, amount"'],
      ],
      ["cdnow.txt", cdnowLike, { columns: "customer,date" }, ["customer", "date"]],
      ["cdnow.txt", cdnowLike, { columns: "2,2" }, []],
      ["dates.csv", "cust,purchase date\na,2024-01-05\nb,03/04/2024\n", {}, ["purchase date"]],
      ["dates.txt", "a 2024-01-05\nb 03/04/2024\n", {}, []],
      [
        "late.csv",
        "id,date\na,2024-01-01\nb,2024-01-02\na,2024-02-01\n",
        { calibrationEnd: "2040-01-01" },
        [],
      ],
      ["one.csv", "id,date\na,2024-01-01\na,2024-02-01\n", {}, []],
      [
        "early.csv",
        "id,date\na,2024-01-01\nb,2024-01-02\na,2024-02-01\n",
        { calibrationEnd: "2023-12-31" },
        [],
      ],
      [
        "early.csv",
        "id,date\na,2024-01-01\nb,2024-03-02\na,2024-02-01\n",
        { calibrationEnd: "2024-02-15" },
        [],
      ],
      ["once.csv", "id,date\na,2024-01-01\nb,2024-01-02\n", {}, []],
      ["x.csv", "id,date\na,2024-01-01\n", { calibrationEnd: "2024-02-31" }, ['"2024-02-31"']],
    ];
    const shown = new Set<string>();
    for (const [name, text, options, fromFile] of cases) {
      const error = refuse(name, text, options);
      const names = error.includes(name) ? [name, ...fromFile] : fromFile;
      const zh = expectWorded(fitMessage, error, names);
      expect(zh, error).not.toContain("输入有误");
      shown.add(
        error
          .replace(/[^a-z ]/gi, "")
          .split(" ")
          .slice(0, 6)
          .join(" "),
      );
    }
    // The cases reach each of the templates, not one many times.
    expect(shown.size).toBeGreaterThanOrEqual(17);
    setLang("zh", false);
    expect(
      fitMessage(refuse("dates.csv", "cust,purchase date\na,2024-01-05\nb,03/04/2024\n")),
    ).toBe(
      'dates.csv 第 3 行，"purchase date" 列："03/04/2024" 既可能是日在前，也可能是月在前；请在“日期格式”中选择 DMY 或 MDY',
    );
    // A message no pattern knows stays English after the lead-in.
    expect(fitMessage("something new went wrong")).toBe("输入有误：something new went wrong");
  });

  it("words the limits, standard-error notes and spend notes no small log reaches, as fit.ts writes them", () => {
    const limits: Limit[] = [
      {
        parameters: "a + b → 0",
        meaning:
          "each customer either never drops out (a share 0.7) or drops out right after her first repeat purchase (0.3)",
      },
      {
        parameters: "a/(a + b) → 1",
        meaning: "customers drop out after their first repeat purchase",
      },
      {
        parameters: "r, α → ∞",
        meaning: "every active customer buys at the same rate, 0.3412 per day (the Poisson limit)",
      },
      {
        parameters: "r → 0",
        meaning:
          "purchase rates are as uneven as the search allows: nearly every customer's rate is about 0 and a few buy very often",
      },
      {
        parameters: "r/α → ∞",
        meaning: "the purchase rate runs to the bound of the search; the log cannot pin it down",
      },
      {
        parameters: "q, γ → ∞",
        meaning: "every customer has the same mean spend per purchase, 52.17",
      },
      { parameters: "q → 0", meaning: "customers' mean spends are as uneven as the search allows" },
      { parameters: "p → 0", meaning: "purchase amounts vary without bound within a customer" },
      { parameters: "pγ/q at a bound", meaning: "the mean spend runs to the bound of the search" },
    ];
    for (const limit of limits) {
      const message = capitalised(`${limit.meaning} (${limit.parameters})`).slice(0, -1);
      expectWorded(() => boundaryText({ limits: [limit], message }), `${message}.`);
    }
    const two = limits.slice(0, 2);
    const message = `${capitalised(two.map((l) => `${l.meaning} (${l.parameters})`).join("; ")).slice(0, -1)}`;
    setLang("zh", false);
    expect(boundaryText({ limits: two, message })).toBe(
      "每位客户要么永不流失（占 0.7），要么在第一次复购后立即流失（占 0.3）（a + b → 0）；客户在第一次复购后即流失（a/(a + b) → 1）。",
    );
    for (const note of [
      "the Hessian of the log-likelihood is singular at the estimate, so the log does not pin the parameters down",
      "no standard errors: the estimate sits at a bound of the search, where the Hessian of the log-likelihood is singular",
      "no standard errors for q and γ: they sit at a limit, where the log-likelihood is flat in them",
      "no standard errors for r: it sits at a limit, where the log-likelihood is flat in it",
    ]) {
      expectWorded(standardErrorNote, note, [], capitalised(note));
    }
    for (const note of ["no repeat buyer with a positive amount", "nothing to fit"]) {
      expectWorded(gammaGammaNote, note);
    }
    // A limit no pattern knows stays English.
    setLang("zh", false);
    expect(
      boundaryText({
        limits: [{ parameters: "x → 0", meaning: "something new" }],
        message: "Something new (x → 0)",
      }),
    ).toBe("Something new (x → 0).");
  });
});
