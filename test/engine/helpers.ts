import { BUILTIN_SCENARIOS } from "../../sim/scenario/builtin.ts";
import { normalizeScenario, type Scenario } from "../../sim/scenario/normalize.ts";
import { BUILTIN_STRATEGIES, normalizeStrategy, type Strategy } from "../../strategies/index.ts";

export const builtinStrategy = (id: string): Strategy => {
  const found = BUILTIN_STRATEGIES.find((s) => s.id === id);
  if (!found) throw new Error(`no built-in strategy ${id}`);
  return found;
};

export const builtinScenario = (id: string): Scenario => {
  const found = BUILTIN_SCENARIOS.find((s) => s.id === id);
  if (!found) throw new Error(`no built-in scenario ${id}`);
  return found;
};

/** A scenario from partial parameters over the defaults. */
export const scenario = (partial: Record<string, unknown>): Scenario =>
  normalizeScenario({ id: "test", ...partial }, "test scenario");

/** A playbook from its rules. */
export const playbook = (rules: unknown[], extra: Record<string, unknown> = {}): Strategy =>
  normalizeStrategy({ id: "test-playbook", rules, ...extra }, "test playbook");
