import type { Scenario } from "../../sim/scenario/normalize.ts";
import type { Strategy } from "../../strategies/index.ts";
import { builtinScenario, builtinStrategy, NEUTRAL, scenario } from "./helpers.ts";

/** The runs whose member moments fixtures/day-by-day-moments.json holds: each mechanism in play. */
export const MOMENT_CASES: {
  name: string;
  run: () => { scenario: Scenario; strategy: Strategy; days: number };
}[] = [
  ["neutral", "control"],
  ["knowledge-course", "control"],
  ["knowledge-course", "t-plus-7"],
  ["knowledge-course", "scenario-nurture"],
  ["knowledge-course", "koc-programme"],
  ["hero-product", "rfm-layered-offers"],
  ["restaurant-vip", "paid-vip"],
  ["tea-chain", "membership-tiers-points"],
  ["dtc-dairy", "sop-48h"],
  ["knowledge-course", "win-back"],
  ["knowledge-course", "one-to-one-followup"],
  ["mother-baby", "lifecycle-hooks"],
].map(([scenarioId, strategyId]) => ({
  name: `${scenarioId} × ${strategyId}`,
  run: () => ({
    scenario: scenarioId === "neutral" ? scenario(NEUTRAL) : builtinScenario(scenarioId),
    strategy: builtinStrategy(strategyId),
    days: 365,
  }),
}));

/** The size and seed the fixture was recorded with. */
export const RECORDED = { members: 200_000, seed: 20261202 };
