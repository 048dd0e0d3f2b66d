/**
 * Splitting delimited text lines: comma, tab or runs of whitespace, with double-quoted fields
 * that may hold the delimiter and doubled quotes ("say ""hi"", then go").
 */

export type Delimiter = "," | "\t" | "whitespace";

/**
 * Picks the delimiter under which the sample lines split most consistently: among those that
 * give most lines the same field count (≥ 2), the one with most fields; ties go to tab, then
 * comma, then whitespace ("1 19970101 1,234.5" is whitespace, "a b,1997-01-01,5" is comma).
 */
export function detectDelimiter(lines: readonly string[]): Delimiter {
  const sample = lines.filter((line) => line.trim() !== "");
  let best: Delimiter = "whitespace";
  let bestFields = 0;
  for (const candidate of ["\t", ",", "whitespace"] as const) {
    const fields = consistentFieldCount(sample, candidate);
    if (fields > bestFields) [best, bestFields] = [candidate, fields];
  }
  return best;
}

/** The most common field count when at least 80 % of lines share it, else 0. */
function consistentFieldCount(sample: readonly string[], delimiter: Delimiter): number {
  if (sample.length === 0) return 0;
  const counts = new Map<number, number>();
  for (const line of sample) {
    const n = splitFields(line, delimiter).length;
    counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  let mode = 0;
  let modeCount = 0;
  for (const [n, count] of counts) {
    if (count > modeCount) [mode, modeCount] = [n, count];
  }
  // A few bad lines in the sample must not throw detection off.
  return mode >= 2 && modeCount >= 0.8 * sample.length ? mode : 0;
}

/**
 * The fields of one line, unquoted; whitespace around unquoted fields is kept for the caller.
 * With `limit`, at most that many fields of a line without quotes (the rest are not needed).
 */
export function splitFields(line: string, delimiter: Delimiter, limit?: number): string[] {
  if (!line.includes('"')) {
    if (delimiter === "whitespace") {
      const trimmed = line.trim();
      return trimmed === "" ? [""] : trimmed.split(/[ \t]+/, limit);
    }
    return line.split(delimiter, limit);
  }
  return splitQuoted(line, delimiter);
}

function splitQuoted(line: string, delimiter: Delimiter): string[] {
  const fields: string[] = [];
  const isDelimiter = (ch: string) =>
    delimiter === "whitespace" ? ch === " " || ch === "\t" : ch === delimiter;
  let i = 0;
  const n = line.length;
  if (delimiter === "whitespace") while (i < n && isDelimiter(line[i])) i++;
  for (;;) {
    let field = "";
    // Leading blanks before an opening quote ("a", "b") belong to no field.
    let j = i;
    while (j < n && (line[j] === " " || line[j] === "\t") && !isDelimiter(line[j])) j++;
    if (line[j] === '"') {
      i = j + 1;
      for (;;) {
        if (i >= n) break;
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += line[i++];
      }
      // Text between the closing quote and the delimiter is kept, as spreadsheets do.
      while (i < n && !isDelimiter(line[i])) field += line[i++];
    } else {
      while (i < n && !isDelimiter(line[i])) field += line[i++];
    }
    fields.push(field);
    if (i >= n) return fields;
    if (delimiter === "whitespace") {
      while (i < n && isDelimiter(line[i])) i++;
      if (i >= n) return fields;
    } else i++;
  }
}
