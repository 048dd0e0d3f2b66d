import control from "../strategies/builtin/control.json" with { type: "json" };
import kocProgramme from "../strategies/builtin/koc-programme.json" with { type: "json" };
import lifecycleHooks from "../strategies/builtin/lifecycle-hooks.json" with { type: "json" };
import membershipTiersPoints from "../strategies/builtin/membership-tiers-points.json" with {
  type: "json",
};
import oneToOneFollowup from "../strategies/builtin/one-to-one-followup.json" with { type: "json" };
import paidVip from "../strategies/builtin/paid-vip.json" with { type: "json" };
import rfmLayeredOffers from "../strategies/builtin/rfm-layered-offers.json" with { type: "json" };
import scenarioNurture from "../strategies/builtin/scenario-nurture.json" with { type: "json" };
import sop48h from "../strategies/builtin/sop-48h.json" with { type: "json" };
import tPlus7 from "../strategies/builtin/t-plus-7.json" with { type: "json" };
import winBack from "../strategies/builtin/win-back.json" with { type: "json" };
import { BUILTIN_STRATEGIES } from "../strategies/index.ts";

// The built-in playbooks as written (defaults left out), for the playbook editor to start from.
const DOCS: Record<string, Record<string, unknown>> = {
  control: control,
  "t-plus-7": tPlus7,
  "scenario-nurture": scenarioNurture,
  "sop-48h": sop48h,
  "rfm-layered-offers": rfmLayeredOffers,
  "lifecycle-hooks": lifecycleHooks,
  "membership-tiers-points": membershipTiersPoints,
  "paid-vip": paidVip,
  "koc-programme": kocProgramme,
  "win-back": winBack,
  "one-to-one-followup": oneToOneFollowup,
};

/** Prose that helps in the library but only lengthens an editor (and a shared link). */
const PROSE = ["description", "descriptionZh", "source", "helps", "risks"];

/**
 * A built-in playbook as JSON to edit: its rules and caps as written, under a new id and name so
 * the edit runs beside the original.
 */
export function playbookTemplate(id: string): string {
  const doc = DOCS[id];
  if (!doc) throw new Error(`no built-in playbook ${id}`);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) if (!PROSE.includes(key)) out[key] = value;
  out.id = `${id}-edited`;
  out.name = `${String(doc.name ?? id)} (edited)`;
  if (typeof doc.nameZh === "string" && doc.nameZh !== "") out.nameZh = `${doc.nameZh}（修改）`;
  return JSON.stringify(out, null, 2);
}

/** The built-ins an edit may start from, in the library's order. */
export const TEMPLATE_IDS = BUILTIN_STRATEGIES.map((s) => s.id).filter((id) => id in DOCS);
