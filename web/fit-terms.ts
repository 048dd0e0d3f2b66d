import type { Boundary, Limit } from "../sim/index.ts";
import { lang } from "./i18n.ts";

/*
 * The fit panel's texts that come from the calibration core (sim/calibrate/*) in English, worded
 * in Chinese when the page is: the column-choice note, the kinds of bad row, a fit at a limit,
 * why a standard error is missing, why there is no Gamma-Gamma fit, and why a log cannot be
 * fitted. The core's texts stay English (the CLI shares them), so each is matched here by exact
 * string or by an anchored pattern whose groups carry the numbers, names, lines and values over
 * unchanged. A text no pattern knows stays English. Keep the patterns in step with the templates
 * in sim/calibrate/ (columns.ts, bad-rows.ts, log-reader.ts, summarise.ts, calibrate.ts, fit.ts)
 * and with web/fit-inputs.ts, whose `panelMessage` has already renamed the CLI's options.
 */

type Rule = [RegExp, (...groups: string[]) => string];

/** The first rule whose pattern matches `text`, applied; null when none does. */
function translate(rules: readonly Rule[], text: string): string | null {
  for (const [pattern, zh] of rules) {
    const match = pattern.exec(text);
    if (match) return zh(...match.slice(1));
  }
  return null;
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

// The panel's fields as the Chinese form labels them (rl-fit-panel.ts).
const COLUMNS = "“列”";
const DATE_FORMAT = "“日期格式”";
const CALIBRATION_END = "“校准截止日”";

const ROLE_ZH: Readonly<Record<string, string>> = {
  "customer id": "客户编号",
  date: "日期",
  amount: "金额",
};

const BAD_ROW_ZH: Readonly<Record<string, string>> = {
  "blank line": "空行",
  "repeated header": "重复的表头",
  "too few columns": "列数不足",
  "missing customer id": "缺少客户编号",
  "unparseable date": "无法识别的日期",
  "non-numeric amount": "金额不是数字",
  "negative amount": "负金额",
  "amount too large": "金额过大",
};

/** A kind of bad row (BadRowKind) as shown: "unparseable date", "无法识别的日期". */
export const badRowKind = (kind: string): string =>
  lang() === "zh" ? (BAD_ROW_ZH[kind] ?? kind) : kind;

// ---------------------------------------------------------------------------------------------
// The column-choice note (columns.ts `chooseColumns`).

/** `customer id "customer_id" (column 1)` or `date column 2`, one after another joined by ", ". */
const ITEM = /(customer id|date|amount) (?:"(.*?)" \(column (\d+)\)|column (\d+))(?:, |$)/y;

/** A list of chosen columns in Chinese, or null when it is not one. */
function columnList(list: string): string | null {
  const items: string[] = [];
  ITEM.lastIndex = 0;
  while (ITEM.lastIndex < list.length) {
    const match = ITEM.exec(list);
    if (!match) return null;
    const [, role, name, named, index] = match;
    items.push(
      name === undefined
        ? `${ROLE_ZH[role]}：第 ${index} 列`
        : `${ROLE_ZH[role]}：“${name}”（第 ${named} 列）`,
    );
  }
  return items.length > 0 ? items.join("、") : null;
}

const byPosition = (amount: string | undefined) =>
  `按位置读取列：第 1 列为客户编号，第 2 列为日期${amount ? "，第 3 列为金额" : ""}`;

const COLUMN_NOTES: Rule[] = [
  [
    /^columns from --columns: (.+)$/,
    (list) => (columnList(list) ? `按${COLUMNS}的设置读取列：${columnList(list)}` : ""),
  ],
  [
    /^columns by header name: (.+?)(; no amount column recognised, so spend is not fitted \(--columns id,date,amount names one\))?$/,
    (list, noAmount) =>
      columnList(list)
        ? `按表头名称识别列：${columnList(list)}${noAmount ? `；未识别出金额列，因此不拟合客单价（可在${COLUMNS}中指定金额列）` : ""}`
        : "",
  ],
  [
    /^header (".*") not recognised: columns read by position: 1 customer id, 2 date(, 3 amount)?$/,
    (header, amount) => `未能识别表头 ${header}，${byPosition(amount)}`,
  ],
  [
    /^no header: columns read by position: 1 customer id, 2 date(, 3 amount)?$/,
    (amount) => `没有表头，${byPosition(amount)}`,
  ],
];

/** How the columns were chosen (`log.columnChoice.note`), in the language shown. */
export function columnNote(note: string): string {
  if (lang() !== "zh") return note;
  return translate(COLUMN_NOTES, note) || note;
}

// ---------------------------------------------------------------------------------------------
// A fit at a limit (fit.ts `bgnbdLimits`, `fitGammaGamma`), standard-error notes, Gamma-Gamma.

const MEANINGS: Rule[] = [
  [
    /^no evidence of drop-out in this log(?: \(drop-out would raise the log-likelihood by only (\S+), likelihood-ratio p = (\S+)\))?: the fit is the NBD limit; predictions assume nobody leaves$/,
    (gain, p) =>
      `这份记录中没有流失的证据${gain === undefined ? "" : `（加入流失只能让对数似然提高 ${gain}，似然比检验 p = ${p}）`}：拟合结果取 NBD 极限，预测假定没有人流失`,
  ],
  [
    /^every customer has the same drop-out probability, (\S+) after each purchase$/,
    (mu) => `每位客户每次购买后的流失概率都相同，为 ${mu}`,
  ],
  [
    /^each customer either never drops out \(a share (\S+)\) or drops out right after her first repeat purchase \((\S+)\)$/,
    (stay, leave) =>
      `每位客户要么永不流失（占 ${stay}），要么在第一次复购后立即流失（占 ${leave}）`,
  ],
  [/^customers drop out after their first repeat purchase$/, () => "客户在第一次复购后即流失"],
  [
    /^every active customer buys at the same rate, (\S+) per (week|day|unit of time) \(the Poisson limit\)$/,
    (rate, unit) =>
      `每位活跃客户的购买速率都相同，每${unit === "week" ? "周" : unit === "day" ? "天" : "单位时间"} ${rate} 次，即泊松极限`,
  ],
  [
    /^purchase rates are as uneven as the search allows: nearly every customer's rate is about 0 and a few buy very often$/,
    () => "购买速率的差异大到搜索范围的极限：几乎每位客户的速率都约为 0，少数客户购买非常频繁",
  ],
  [
    /^the purchase rate runs to the bound of the search; the log cannot pin it down$/,
    () => "购买速率到达搜索范围的边界：这份记录无法确定它",
  ],
  [
    /^every customer has the same mean spend per purchase, (\S+)$/,
    (spend) => `每位客户的平均客单价都相同，为 ${spend}`,
  ],
  [
    /^customers' mean spends are as uneven as the search allows$/,
    () => "客户之间平均客单价的差异大到搜索范围的极限",
  ],
  [
    /^each customer spends nearly the same amount on every purchase$/,
    () => "每位客户每次购买的金额几乎相同",
  ],
  [
    /^purchase amounts vary without bound within a customer$/,
    () => "同一客户各次购买的金额差异没有上限",
  ],
  [/^the mean spend runs to the bound of the search$/, () => "平均客单价到达搜索范围的边界"],
];

const PARAMETERS_ZH: Readonly<Record<string, string>> = { "pγ/q at a bound": "pγ/q 到达边界" };

/** One limit in Chinese, "meaning (parameters)"; null when its meaning is unknown. */
function limitZh(limit: Limit): string | null {
  const meaning = translate(MEANINGS, limit.meaning);
  if (meaning === null) return null;
  return `${meaning}（${PARAMETERS_ZH[limit.parameters] ?? limit.parameters}）`;
}

/**
 * A fit at a limit in words, as a sentence: the engine's message in English; in Chinese each
 * limit worded, one no pattern knows in English, and all in English when none is known.
 */
export function boundaryText(boundary: Boundary): string {
  const english = `${boundary.message}.`;
  if (lang() !== "zh") return english;
  const zh = boundary.limits.map(limitZh);
  if (zh.every((text) => text === null)) return english;
  return `${boundary.limits.map((l, i) => zh[i] ?? `${l.meaning} (${l.parameters})`).join("；")}。`;
}

/** "r, alpha" or "q and γ" as "r、α", "q、γ": the parameters as the table labels them. */
const parameterList = (list: string) =>
  list
    .split(/, | and /)
    .map((p) => (p === "alpha" ? "α" : p))
    .join("、");

const STANDARD_ERROR_NOTES: Rule[] = [
  [
    /^no standard errors: the estimate sits at a bound of the search, where the Hessian of the log-likelihood is singular$/,
    () => "没有标准误：估计值位于搜索范围的边界，对数似然的海森矩阵在此处奇异",
  ],
  [
    /^the Hessian of the log-likelihood is singular at the estimate, so the log does not pin the parameters down$/,
    () => "对数似然的海森矩阵在估计值处奇异，这份记录无法确定参数",
  ],
  [
    /^no standard errors for (.+?): (?:it sits|they sit) at a limit, where the log-likelihood is flat in (?:it|them)$/,
    (list) => `${parameterList(list)} 没有标准误：参数位于极限处，对数似然在该方向上是平的`,
  ],
];

/** Why a standard error is missing (`standardErrorNote`), as a sentence. */
export function standardErrorNote(note: string): string {
  if (lang() !== "zh") return `${capital(note)}.`;
  const zh = translate(STANDARD_ERROR_NOTES, note);
  return zh === null ? `${capital(note)}.` : `${zh}。`;
}

const GAMMA_GAMMA_NOTES: Rule[] = [
  [/^nothing to fit$/, () => "没有可拟合的数据"],
  [/^no amount column$/, () => "没有金额列"],
  [/^no repeat buyer with a positive amount$/, () => "没有金额为正的复购客户"],
  [
    /^one repeat buyer \(mean repeat amount (\S+)\) is too few to fit spend across customers$/,
    (mean) => `只有一位复购客户（平均复购金额 ${mean}），不足以拟合客户之间客单价的差异`,
  ],
  [
    /^every repeat buyer's mean repeat amount is (\S+): no spread to fit$/,
    (mean) => `每位复购客户的平均复购金额都是 ${mean}，没有差异可拟合`,
  ],
];

/** Why there is no Gamma-Gamma fit (`gammaGammaNote`), a clause in the language shown. */
export function gammaGammaNote(note: string): string {
  if (lang() !== "zh") return note;
  return translate(GAMMA_GAMMA_NOTES, note) ?? note;
}

// ---------------------------------------------------------------------------------------------
// Why a log cannot be fitted: the InputError and LogInputError messages, after `panelMessage`.

/** "2 unparseable date, 1 blank line" as "无法识别的日期 2 行、空行 1 行". */
const kindCounts = (list: string) =>
  list
    .split(", ")
    .map((part) => {
      const match = /^(\d+) (.+)$/.exec(part);
      return match && BAD_ROW_ZH[match[2]] ? `${BAD_ROW_ZH[match[2]]} ${match[1]} 行` : part;
    })
    .join("、");

const COLUMNS_HOW = `请在${COLUMNS}中依次填写客户编号、日期、金额列`;

const ERRORS: Rule[] = [
  [
    /^(.+?) is empty; give a log with one row per purchase: customer id, date, amount$/,
    (file) => `${file} 是空文件；请提供每行一次购买的记录：客户编号、日期、金额`,
  ],
  [
    /^(.+?): no (customer id|date) column among the header's (".*"); pass Columns id,date,amount with their names or 1-based indexes$/,
    (file, role, header) =>
      `${file}：表头 ${header} 中没有${ROLE_ZH[role]}列；${COLUMNS_HOW}的表头名称或从 1 开始的列号`,
  ],
  [
    /^(.+?) has no header and its column 2 does not read as dates \(first row: (".*")\); pass Columns id,date,amount as 1-based indexes$/,
    (file, row) =>
      `${file} 没有表头，第 2 列也读不出日期（第一行：${row}）；${COLUMNS_HOW}的列号（从 1 开始）`,
  ],
  [
    /^(.+?) has no header and (\d+) columns; pass Columns id,date,amount as 1-based indexes \(for CDNOW_sample\.txt: Columns 2,3,5\)$/,
    (file, n) =>
      `${file} 没有表头，共 ${n} 列；${COLUMNS_HOW}的列号（从 1 开始；CDNOW_sample.txt 填 2,3,5）`,
  ],
  [
    /^invalid Columns: (".*"); give id,date or id,date,amount as header names or 1-based indexes$/,
    (spec) =>
      `${COLUMNS}无效：${spec}；请依次填写客户编号、日期列（金额列可选）的表头名称或从 1 开始的列号`,
  ],
  [
    /^invalid Columns: (".*"); column (\d+) is outside 1–(\d+) in (.+)$/,
    (spec, column, n, file) =>
      `${COLUMNS}无效：${spec}；${file} 只有第 1–${n} 列，没有第 ${column} 列`,
  ],
  [
    /^invalid Columns: (".*"); no column (".*") in (.+) \((?:its header has (".*")|it has no header)\); use 1-based indexes$/,
    (spec, name, file, header) =>
      `${COLUMNS}无效：${spec}；${file} 中没有名为 ${name} 的列（${header === undefined ? "它没有表头" : `其表头为 ${header}`}）；请改用从 1 开始的列号`,
  ],
  [
    /^invalid Columns: (".*"); the columns must differ$/,
    (spec) => `${COLUMNS}无效：${spec}；各列必须互不相同`,
  ],
  [
    /^(.+?) has (a header but )?no usable rows(?: \((\d+) bad rows?: (.+?)(?:; first at line (\d+): (".*"))?\))?; check the file and Columns$/,
    (file, header, total, kinds, line, text) =>
      `${file} ${header ? "有表头但" : ""}没有可用的行${
        total === undefined
          ? ""
          : `（${total} 行有误：${kindCounts(kinds)}${line === undefined ? "" : `；第一处在第 ${line} 行：${text}`}）`
      }；请检查文件和${COLUMNS}`,
  ],
  [
    /^(.+?) line (\d+), column (".*?"|\d+): (".*") could be day-first or month-first; pass Date format DMY or MDY$/,
    (file, line, column, value) =>
      `${file} 第 ${line} 行，${/^\d+$/.test(column) ? `第 ${column} 列` : `${column} 列`}：${value} 既可能是日在前，也可能是月在前；请在${DATE_FORMAT}中选择 DMY 或 MDY`,
  ],
  [
    /^Calibration end (\S+) is (\d+) days after the last purchase in (.+) \((\S+)\); an observation period may end at most (\d+) days after it$/,
    (end, days, file, last, most) =>
      `校准截止日 ${end} 比 ${file} 中的最后一次购买（${last}）晚 ${days} 天；观察期最多只能在最后一次购买后 ${most} 天结束`,
  ],
  [
    /^(.+?) has only one customer; the models need a log of many customers' purchases$/,
    (file) => `${file} 只有一位客户；模型需要许多客户的购买记录`,
  ],
  [
    /^(.+?): (no customer|only one customer) made a first purchase on or before the calibration end (\S+); pass a later Calibration end$/,
    (file, who, end) =>
      `${file}：${who === "no customer" ? "没有客户" : "只有一位客户"}在校准截止日 ${end} 当天或之前首次购买；请把${CALIBRATION_END}设得更晚`,
  ],
  [
    /^(.+?): no customer bought again by the calibration end (\S+), so there is nothing to fit; pass a later Calibration end or a longer log$/,
    (file, end) =>
      `${file}：到校准截止日 ${end} 为止没有客户复购，没有可拟合的数据；请把${CALIBRATION_END}设得更晚，或提供更长的记录`,
  ],
  [
    /^invalid calibration end: (".*"); use YYYY-MM-DD$/,
    (value) => `${CALIBRATION_END}无效：${value}；请按“年-月-日”填写，如 2024-01-31`,
  ],
];

/**
 * Why a log cannot be fitted, as the fit panel shows it: the message in English; in Chinese its
 * wording, or a message no pattern knows in English after a Chinese lead-in.
 */
export function fitMessage(message: string): string {
  if (message === "" || lang() !== "zh") return message;
  return translate(ERRORS, message) ?? `输入有误：${message}`;
}
