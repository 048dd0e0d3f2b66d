/**
 * Calendar dates as whole day numbers (days since 1970-01-01, UTC), parsed from the forms a
 * transaction export uses. Day-first and month-first forms are never guessed.
 */

/** How to read d/m/y dates: day first (31/12/1997) or month first (12/31/1997). */
export type DayMonthOrder = "DMY" | "MDY";

/** What parseDate returns for a d/m/y date when no order was given. */
export const NEEDS_ORDER = "needs-order";

const MS_PER_DAY = 86_400_000;
// An optional time of day after the date: "1997-01-01 08:26", "1997-01-01T08:26:00Z".
const TIME = String.raw`(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[AaPp][Mm]|Z|[+-]\d{2}:?\d{2})?)?`;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`);
const YEAR_LAST = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})${TIME}$`);

/** The day number of a calendar date, or undefined when there is no such date (1997-02-30). */
export function dayNumber(year: number, month: number, day: number): number | undefined {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > daysInMonth(year, month)) return undefined;
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Parses YYYYMMDD, YYYY-MM-DD, YYYY/MM/DD (and YYYY.MM.DD), optionally followed by a time of day;
 * DD/MM/YYYY or MM/DD/YYYY (with /, - or .) only with an order. Returns the day number,
 * NEEDS_ORDER for a d/m/y date without an order, or undefined when the text is no date.
 *
 * @example parseDate("1997-01-01") // 9862
 * @example parseDate("01/02/1997") // "needs-order"
 */
export function parseDate(
  text: string,
  order?: DayMonthOrder,
): number | typeof NEEDS_ORDER | undefined {
  const s = text.trim();
  let m = COMPACT.exec(s);
  if (m) return dayNumber(+m[1], +m[2], +m[3]);
  m = YEAR_FIRST.exec(s);
  if (m) return dayNumber(+m[1], +m[3], +m[4]);
  m = YEAR_LAST.exec(s);
  if (m) {
    if (!order) return NEEDS_ORDER;
    return order === "DMY" ? dayNumber(+m[4], +m[3], +m[1]) : dayNumber(+m[4], +m[1], +m[3]);
  }
  return undefined;
}

/** YYYY-MM-DD for a day number. */
export function formatDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}
