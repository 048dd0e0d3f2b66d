import { describe, expect, it } from "vitest";
import { MemberSimulator } from "../../sim/engine/member.ts";
import { allocateBlock } from "../../sim/engine/outcomes.ts";
import { buildTables } from "../../sim/engine/tables.ts";
import { compileStrategy } from "../../strategies/compile.ts";
import recorded from "./fixtures/day-by-day-moments.json" with { type: "json" };
import { builtinStrategy, scenario } from "./helpers.ts";
import { MOMENT_KEYS, type Moments, memberMoments, zOfDifference } from "./member-moments.ts";
import { MOMENT_CASES, RECORDED } from "./moment-cases.ts";

// The engine draws purchases as waiting times (one exponential per purchase) and skips the days
// on which nothing can change. The fixture holds the same figures from the engine before that,
// which drew one uniform per member-day (commit b97d924): the two must simulate the same model,
// so every mean agrees within sampling error. Per case, 12 figures × 12 cases: |z| > 4.5 has a
// chance of about 1e-3 in all if the engines agree. Pooled over the cases (independent runs), the
// mean z of a figure times √12 is N(0, 1) if they agree, and a bias of 1.5 % in the purchase rate
// of every case puts it past 4 (a 4 % bias gives z ≈ 3.6 in each case alone).
const Z_LIMIT = 4.5;
const POOLED_LIMIT = 4;

const zByCase = new Map<string, Record<string, number>>();
function zOf(name: string, run: () => Moments): Record<string, number> {
  const cached = zByCase.get(name);
  if (cached) return cached;
  const now = run();
  const before = (recorded as Record<string, Moments>)[name];
  const z = Object.fromEntries(MOMENT_KEYS.map((k) => [k, zOfDifference(now[k], before[k])]));
  expect(now.purchases.mean, "members buy").toBeGreaterThan(0.1);
  zByCase.set(name, z);
  return z;
}

describe("waiting-time purchases simulate the model of the day-by-day engine", () => {
  const runs = MOMENT_CASES.map((c) => ({
    name: c.name,
    run: () => memberMoments({ ...c.run(), members: 100_000, seed: RECORDED.seed + 1 }),
  }));
  for (const { name, run } of runs) {
    it(name, () => {
      const z = zOf(name, run);
      expect(Object.entries(z).filter(([, v]) => !(Math.abs(v) <= Z_LIMIT))).toEqual([]);
    });
  }

  it("with no bias pooled over the cases", () => {
    const zs = runs.map(({ name, run }) => zOf(name, run));
    for (const key of MOMENT_KEYS) {
      // Figures that are zero in every case of a kind (no messages under control) give z = 0.
      const pooled = zs.reduce((s, z) => s + z[key], 0) / Math.sqrt(zs.length);
      expect(Math.abs(pooled), key).toBeLessThan(POOLED_LIMIT);
    }
  });
});

describe("a dormant member costs nothing per day", () => {
  // One member who never buys (λ ≈ 0), never disengages and gets no messages, simulated over one
  // year and over ten: the draws from the member's stream are the same count, where the engine
  // before issue 12 drew one per live day.
  const drawsOver = (days: number) => {
    const s = scenario({
      acquisition: { windowDays: 1 },
      purchase: { r: 1e-6 },
      disengage: { nonBuyerDailyHazard: 0 },
    });
    const plans = [compileStrategy(builtinStrategy("control"))];
    const out = allocateBlock(0, 1, 1, days, 1);
    const sim = new MemberSimulator(buildTables(s, days), plans, out, () => {});
    let draws = 0;
    const next = sim.base.next;
    Object.defineProperty(sim.base, "next", {
      value: () => {
        draws++;
        return next();
      },
    });
    sim.simulate({ seed: 5, arm: 0, root: 0, isRoot: true, joinDay: -1 }, 9);
    return { draws, purchases: out.purchases[0], churned: out.churnDay[0] >= 0 };
  };

  it("over 3,650 days draws no more than over 365", () => {
    const year = drawsOver(365);
    const decade = drawsOver(3650);
    expect(year).toMatchObject({ purchases: 0, churned: false });
    expect(decade).toMatchObject({ purchases: 0, churned: false });
    expect(decade.draws).toBe(year.draws);
    // The member's own set-up (join day, channels, λ, p, spend, tolerance, …) and one waiting time.
    expect(year.draws).toBeLessThan(40);
  });
});
