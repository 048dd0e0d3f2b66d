import {
  ADJUST_METHODS,
  type AdjustMethod,
  type AnalysisOptions,
  BUILTIN_SCENARIOS,
  BUILTIN_STRATEGIES,
  type Scenario,
} from "../sim/index.ts";
import { type Lang, t } from "./i18n.ts";
import { parseInputs, type RunInputs } from "./inputs.ts";

/**
 * The whole set-up in the page's URL, so a link reproduces a run: `#s=` and base64url of a compact
 * JSON document. Editor texts travel as typed, so a link restores the form exactly, even mid-edit.
 * The workers are left out on purpose: they are the machine's, and results do not depend on them.
 */
export type SharedSetup = {
  inputs: Omit<RunInputs, "workers">;
  analysis: AnalysisOptions;
  /** The language the link was shared in; absent in links from before it travelled. */
  lang?: Lang;
};

/** Version 1 of the document in the URL; short keys keep links short. */
type Wire = {
  v: 1;
  sc: string;
  a: string[];
  m: string;
  d: string;
  s: string;
  pb?: string[];
  sp?: string;
  al?: number;
  ad?: AdjustMethod;
  /** The language; optional, so older links stay valid. */
  lg?: Lang;
};

const PREFIX = "#s=";

export function encodeSetup(setup: SharedSetup): string {
  const { inputs, analysis, lang } = setup;
  const wire: Wire = {
    v: 1,
    sc: inputs.scenario,
    a: inputs.arms,
    m: inputs.members,
    d: inputs.days,
    s: inputs.seed,
  };
  if (inputs.playbooks.length > 0) wire.pb = inputs.playbooks;
  if (inputs.scenarioPatch !== "") wire.sp = inputs.scenarioPatch;
  if (analysis.alpha !== undefined) wire.al = analysis.alpha;
  if (analysis.adjust !== undefined) wire.ad = analysis.adjust;
  if (lang !== undefined) wire.lg = lang;
  return `${PREFIX}${toBase64Url(JSON.stringify(wire))}`;
}

/** Why a link's set-up was not used; the page shows it and falls back to the defaults. */
export class BadLinkError extends Error {
  override name = "BadLinkError";
}

/**
 * Reads a hash written by `encodeSetup`: null when the URL carries no set-up, the set-up when it
 * is whole and names only things this page knows, else a `BadLinkError` saying what is wrong.
 * Editor texts are not validated here: the form shows their messages as it would while typing.
 */
export function decodeSetup(
  hash: string,
  scenarios: readonly Scenario[] = BUILTIN_SCENARIOS,
): SharedSetup | null {
  if (hash === "" || hash === "#") return null;
  if (!hash.startsWith(PREFIX)) throw new BadLinkError(`unknown link format ${clip(hash)}`);
  let wire: unknown;
  try {
    wire = JSON.parse(fromBase64Url(hash.slice(PREFIX.length)));
  } catch {
    throw new BadLinkError("the set-up in the link is damaged (not base64url JSON)");
  }
  if (!isRecord(wire)) throw new BadLinkError("the set-up in the link is not an object");
  if (wire.v !== 1) throw new BadLinkError(`unknown set-up version ${clip(wire.v)}`);
  const text = (key: string): string => {
    const value = wire[key];
    if (typeof value !== "string")
      throw new BadLinkError(`${key} must be text, got ${clip(value)}`);
    return value;
  };
  const texts = (key: string): string[] => {
    const value = wire[key] ?? [];
    if (!Array.isArray(value) || value.some((t) => typeof t !== "string"))
      throw new BadLinkError(`${key} must be a list of texts, got ${clip(value)}`);
    return value;
  };
  const scenario = text("sc");
  if (!scenarios.some((s) => s.id === scenario))
    throw new BadLinkError(`unknown scenario ${clip(scenario)}`);
  const arms = texts("a");
  const known = BUILTIN_STRATEGIES.map((s) => s.id);
  const unknown = arms.find((a) => !known.includes(a));
  if (unknown !== undefined) throw new BadLinkError(`unknown strategy ${clip(unknown)}`);
  const analysis: AnalysisOptions = {};
  if (wire.al !== undefined) {
    if (typeof wire.al !== "number" || !(wire.al > 0 && wire.al < 1))
      throw new BadLinkError(`α must be a number between 0 and 1, got ${clip(wire.al)}`);
    analysis.alpha = wire.al;
  }
  if (wire.ad !== undefined) {
    if (!ADJUST_METHODS.includes(wire.ad as AdjustMethod))
      throw new BadLinkError(`unknown adjustment ${clip(wire.ad)}`);
    analysis.adjust = wire.ad as AdjustMethod;
  }
  if (wire.lg !== undefined && wire.lg !== "en" && wire.lg !== "zh")
    throw new BadLinkError(`unknown language ${clip(wire.lg)}`);
  const sp = wire.sp ?? "";
  if (typeof sp !== "string") throw new BadLinkError(`sp must be text, got ${clip(sp)}`);
  const inputs = {
    scenario,
    arms,
    members: text("m"),
    days: text("d"),
    seed: text("s"),
    playbooks: texts("pb"),
    scenarioPatch: sp,
  };
  // A number a person could not have run is tampering; say which, as the form would.
  const parsed = parseInputs({ ...inputs, workers: "1" }, scenarios);
  const bad =
    "errors" in parsed && parsed.errors.find((e) => ["members", "days", "seed"].includes(e.field));
  if (bad) throw new BadLinkError(bad.message);
  return wire.lg === undefined ? { inputs, analysis } : { inputs, analysis, lang: wire.lg };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function clip(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : String(JSON.stringify(value));
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function toBase64Url(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(code: string): string {
  if (!/^[A-Za-z0-9_-]*$/.test(code)) throw new Error("not base64url");
  const binary = atob(code.replaceAll("-", "+").replaceAll("_", "/"));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
}

/**
 * The set-up of the page's own URL, for the page to start from: null (the defaults) when there is
 * none or it is bad, with a notice saying why a bad one was not used (in the language shown
 * when read; `problem` is why, in the validation's English, for `linkNotice` to word again).
 */
export function readLink(hash: string = typeof location === "undefined" ? "" : location.hash): {
  setup: SharedSetup | null;
  notice: string;
  problem: string;
} {
  try {
    return { setup: decodeSetup(hash), notice: "", problem: "" };
  } catch (error) {
    if (!(error instanceof BadLinkError)) throw error;
    return { setup: null, notice: linkNotice(error.message), problem: error.message };
  }
}

/** What the form says about a link whose set-up was not used, `problem` being why. */
export function linkNotice(problem: string): string {
  if (problem === "") return "";
  return t(
    `The link's set-up was not used (${problem}); the form shows the defaults.`,
    `链接中的设置未被采用（${problem}）；表单显示默认值。`,
  );
}

/** The hash this page last wrote: a different one arriving is a link pasted into this tab. */
let written = "";

/**
 * Replaces the URL's hash with the set-up (no history entry per keystroke). A link pasted into
 * the address bar of an open page reloads it, so the form starts from that link.
 */
export function writeLink(inputs: RunInputs, analysis: AnalysisOptions, lang?: Lang) {
  const { workers: _, ...shared } = inputs;
  const hash = encodeSetup(
    lang === undefined ? { inputs: shared, analysis } : { inputs: shared, analysis, lang },
  );
  if (!written) {
    addEventListener("hashchange", () => {
      if (location.hash !== written) location.reload();
    });
  }
  written = hash;
  if (location.hash !== hash) history.replaceState(history.state, "", hash);
}
