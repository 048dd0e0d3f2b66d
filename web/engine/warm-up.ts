import {
  BUILTIN_SCENARIOS,
  BUILTIN_STRATEGIES,
  type ComparisonSpec,
  runComparisonHere,
} from "../../sim/index.ts";

/**
 * A small comparison a worker runs once when it starts, before the page asks anything of it, so
 * the engine's code is compiled and optimised by the time the first run arrives: a cold worker
 * spends about a second of its first run on that in Chromium. Its result is dropped; the engine
 * keeps no state between runs, so a warm-up cannot change what a run gives.
 */
export function warmUp(members: number, seed = 1): void {
  const strategies = BUILTIN_STRATEGIES.filter((s) =>
    ["t-plus-7", "scenario-nurture"].includes(s.id),
  );
  const spec: ComparisonSpec = {
    scenario: BUILTIN_SCENARIOS[0],
    strategies,
    members,
    days: 365,
    seed,
  };
  runComparisonHere(spec);
}
