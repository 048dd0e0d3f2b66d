// The playbook language: vocabulary, validation, the compiler, and the built-in playbooks.
import control from "./builtin/control.json" with { type: "json" };
import kocProgramme from "./builtin/koc-programme.json" with { type: "json" };
import lifecycleHooks from "./builtin/lifecycle-hooks.json" with { type: "json" };
import membershipTiersPoints from "./builtin/membership-tiers-points.json" with { type: "json" };
import oneToOneFollowup from "./builtin/one-to-one-followup.json" with { type: "json" };
import paidVip from "./builtin/paid-vip.json" with { type: "json" };
import rfmLayeredOffers from "./builtin/rfm-layered-offers.json" with { type: "json" };
import scenarioNurture from "./builtin/scenario-nurture.json" with { type: "json" };
import sop48h from "./builtin/sop-48h.json" with { type: "json" };
import tPlus7 from "./builtin/t-plus-7.json" with { type: "json" };
import winBack from "./builtin/win-back.json" with { type: "json" };
import { normalizeStrategy } from "./normalize.ts";
import type { Strategy } from "./types.ts";

export { InputError, show, Where } from "./check.ts";
export * from "./compile.ts";
export { normalizeStrategy } from "./normalize.ts";
export type * from "./types.ts";
export * from "./vocabulary.ts";

/** The built-in playbooks as written (defaults left out), in the library's order. */
export const BUILTIN_STRATEGY_DOCS: readonly Readonly<Record<string, unknown>>[] = [
  control,
  tPlus7,
  scenarioNurture,
  sop48h,
  rfmLayeredOffers,
  lifecycleHooks,
  membershipTiersPoints,
  paidVip,
  kocProgramme,
  winBack,
  oneToOneFollowup,
];

/** The built-in playbooks, validated like any user file. */
export const BUILTIN_STRATEGIES: readonly Strategy[] = BUILTIN_STRATEGY_DOCS.map((doc) =>
  normalizeStrategy(doc, `built-in strategy ${String(doc.id)}`),
);
