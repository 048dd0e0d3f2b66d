import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  type CalibrateOptions,
  calibrateText,
  calibrationJson,
  linesOf,
  readTransactionText,
  type TransactionLog,
} from "../../sim/calibrate/browser.ts";
import { calibrate, importTransactions, parseDate } from "../../sim/calibrate/index.ts";

const CDNOW = "data/cdnow/CDNOW_sample.txt";
const dir = mkdtempSync(join(tmpdir(), "retention-lab-browser-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a log holds, comparable with toEqual. */
function contents(log: TransactionLog) {
  const { purchases, ...rest } = log;
  const days: [string, number, number][] = [];
  purchases.ids.forEach((id, c) => {
    purchases.forEachPurchase(c, (day, amount) => days.push([id, day, amount]));
  });
  return { ...rest, days };
}

/** The Node path's log or error message, and the text path's, for the same bytes. */
async function bothWays(text: string, name: string) {
  const path = join(dir, name);
  writeFileSync(path, text);
  const node = await importTransactions(path).then(contents, (e: Error) => e.message);
  let browser: ReturnType<typeof contents> | string;
  try {
    browser = contents(readTransactionText(path, text));
  } catch (error) {
    browser = (error as Error).message;
  }
  return { node, browser };
}

describe("the browser import", () => {
  it("fits the CDNOW sample text exactly as the Node path fits the file (columns 2,3,5, through 1997-09-30, weeks)", async () => {
    const options: CalibrateOptions = {
      columns: "2,3,5",
      calibrationEnd: parseDate("1997-09-30") as number,
      unit: "week",
    };
    const node = await calibrate(CDNOW, options);
    const browser = calibrateText(CDNOW, readFileSync(CDNOW, "utf8"), options);
    expect(calibrationJson(browser)).toEqual(calibrationJson(node));
    expect(browser.summary.customers).toEqual(node.summary.customers);
    expect(browser.bgnbd.params.r).toBeCloseTo(0.2426, 4);
  });

  it("splits lines as Node's readline does: LF, CRLF, a lone CR, blank lines, no final line end", async () => {
    expect([...linesOf("a\r\nb\rc\n\nd")]).toEqual(["a", "b", "c", "", "d"]);
    expect([...linesOf("a\n")]).toEqual(["a"]);
    expect([...linesOf("")]).toEqual([]);
    const texts = [
      "\uFEFFid,date,amount\r\na,1997-01-01,5\rb,1997-01-02,6\n\na,1997-01-09,x\nb,1997-02-01,7",
      "a 19970101 1\nb 19970102 2\na 19970103 -4\n\n\nid date amount\n",
    ];
    for (const [i, text] of texts.entries()) {
      const { node, browser } = await bothWays(text, `log-${i}.csv`);
      expect(browser).toEqual(node);
    }
  });

  it("refuses an empty, garbage or ambiguous log with the Node path's message", async () => {
    for (const [i, text] of [
      "",
      "\n \n",
      "garbage\nfoo bar\n",
      "id,date\na,03/04/1997\n",
    ].entries()) {
      const { node, browser } = await bothWays(text, `bad-${i}.csv`);
      expect(typeof node).toBe("string");
      expect(browser).toBe(node);
    }
  });

  it("imports no node: module, directly or through what it imports", () => {
    const seen = new Set<string>();
    const nodeImports: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, "utf8");
      for (const [, specifier] of source.matchAll(/^(?:import|export)[^;]*?from\s+"([^"]+)"/gms)) {
        if (specifier.startsWith("node:")) nodeImports.push(`${file}: ${specifier}`);
        else if (specifier.startsWith(".") && specifier.endsWith(".ts"))
          visit(resolve(dirname(file), specifier));
      }
    };
    visit(resolve("sim/calibrate/browser.ts"));
    expect(seen.size).toBeGreaterThan(10);
    expect(nodeImports).toEqual([]);
  });
});
