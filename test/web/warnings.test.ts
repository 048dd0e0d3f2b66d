import { describe, expect, it } from "vitest";
import { BUILTIN_SCENARIOS, BUILTIN_STRATEGIES, runComparisonHere } from "../../sim/index.ts";
import { setLang } from "../../web/i18n.ts";
import { FEW_EVENTS, TINY_ARM, warningsFor } from "../../web/warnings.ts";

const strategies = ["control", "t-plus-7"].map((id) => {
  const found = BUILTIN_STRATEGIES.find((s) => s.id === id);
  if (!found) throw new Error(id);
  return found;
});
const run = (members: number, days: number) =>
  runComparisonHere({ scenario: BUILTIN_SCENARIOS[0], strategies, members, days, seed: 3 });

describe("warningsFor", () => {
  it("says nothing about a year of 20,000 members", () => {
    expect(warningsFor(run(20_000, 365))).toEqual([]);
  });

  it("flags tiny arms, rare events and retention days the horizon cannot test", () => {
    setLang("en", false);
    const report = run(300, 60);
    const ids = warningsFor(report).map((w) => w.id);
    expect(ids).toContain("tiny-arm");
    expect(ids).toContain("horizon");
    const tiny = warningsFor(report).find((w) => w.id === "tiny-arm");
    const smallest = Math.min(...report.arms.map((a) => a.members));
    expect(smallest).toBeLessThan(TINY_ARM);
    expect(tiny?.text).toContain(`${smallest} members`);
    const horizon = warningsFor(report).find((w) => w.id === "horizon");
    expect(horizon?.text).toMatch(
      /^Retention at day (30, )?90 is not tested: over a horizon of 60 days/,
    );
    const [control, push] = report.arms;
    expect(ids.includes("few-buyers")).toBe(control.converted + push.converted < FEW_EVENTS);
  });

  it("flags a comparison with fewer than 10 buyers in both arms together", () => {
    setLang("en", false);
    const report = run(40, 30);
    const [control, push] = report.arms;
    expect(control.converted + push.converted).toBeLessThan(FEW_EVENTS);
    expect(warningsFor(report).find((w) => w.id === "few-buyers")?.text).toBe(
      `Rare events: t-plus-7 and control have ${control.converted + push.converted} buyers together (under 10); that comparison's interval is unreliable.`,
    );
  });

  it("speaks Chinese when the page does", () => {
    setLang("zh", false);
    const texts = warningsFor(run(300, 60)).map((w) => w.text);
    setLang("en", false);
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).toMatch(/[\u4e00-\u9fff]/);
  });
});
