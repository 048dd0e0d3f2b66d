import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  AMOUNT_NAMES,
  DATE_NAMES,
  ID_STEMS,
  ID_SUFFIXES,
  normalise,
} from "../../sim/calibrate/columns.ts";

const doc = readFileSync(new URL("../../docs/fitting.md", import.meta.url), "utf8");
// Every `code span` of the page, compared as the import compares header names.
const spans = new Set([...doc.matchAll(/`([^`]+)`/g)].map(([, text]) => normalise(text)));

describe("docs/fitting.md", () => {
  it("lists every header name the import recognises", () => {
    const missing = [...ID_STEMS, ...ID_SUFFIXES, ...DATE_NAMES, ...AMOUNT_NAMES].filter(
      (name) => !spans.has(normalise(name)),
    );
    expect(missing).toEqual([]);
  });

  it("names the header forms of issue 9: cust, customer, client, user, member, buyer, 客户, 会员, 用户", () => {
    for (const stem of [
      "cust",
      "customer",
      "client",
      "user",
      "member",
      "buyer",
      "客户",
      "会员",
      "用户",
    ]) {
      expect(ID_STEMS).toContain(stem);
      expect(spans.has(`${stem}id`) || spans.has(stem)).toBe(true);
    }
  });
});
