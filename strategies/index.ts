// The playbook language: vocabulary, validation, the compiler, and the built-in playbooks.
import control from "./builtin/control.json" with { type: "json" };
import scenarioNurture from "./builtin/scenario-nurture.json" with { type: "json" };
import tPlus7 from "./builtin/t-plus-7.json" with { type: "json" };
import { normalizeStrategy } from "./normalize.ts";
import type { Strategy } from "./types.ts";

export { InputError, show, Where } from "./check.ts";
export * from "./compile.ts";
export { normalizeStrategy } from "./normalize.ts";
export type * from "./types.ts";
export * from "./vocabulary.ts";

/** The built-in playbooks, validated like any user file. */
export const BUILTIN_STRATEGIES: readonly Strategy[] = [control, tPlus7, scenarioNurture].map(
  (doc) => normalizeStrategy(doc, `built-in strategy ${(doc as { id: string }).id}`),
);
