import { BUILTIN_STRATEGY_DOCS } from "../sim/index.ts";

// The built-in playbooks as written (defaults left out), for the playbook editor to start from.
const DOCS: Record<string, Readonly<Record<string, unknown>>> = Object.fromEntries(
  BUILTIN_STRATEGY_DOCS.map((doc) => [String(doc.id), doc]),
);

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
export const TEMPLATE_IDS = Object.keys(DOCS);
