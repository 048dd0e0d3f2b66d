import {
  BUILTIN_SCENARIOS,
  BUILTIN_STRATEGIES,
  type ComparisonSpec,
  InputError,
  normalizeScenario,
  normalizeStrategy,
  type Scenario,
  type Strategy,
} from "../sim/index.ts";
import { t } from "./i18n.ts";

/** What the run form holds: text exactly as typed, so a message can show it back. */
export type RunInputs = {
  scenario: string;
  arms: string[];
  members: string;
  days: string;
  seed: string;
  workers: string;
  /** Edited or pasted playbooks, JSON as typed; each valid one runs as an arm after the built-ins. */
  playbooks: string[];
  /** A partial scenario laid over the chosen one, JSON as typed; "" runs the scenario as built. */
  scenarioPatch: string;
};

/** A field the user has to fix, and what to tell them; `index` picks one of `playbooks`. */
export type FieldError = { field: keyof RunInputs; message: string; index?: number };

export type RunRequest = { spec: ComparisonSpec; workers: number };

/** Larger populations belong to the CLI: a browser tab runs out of memory well before 50 million. */
export const MAX_MEMBERS_IN_BROWSER = 2_000_000;
export const MAX_WORKERS = 64;
export const DEFAULT_ARMS = ["t-plus-7", "scenario-nurture"];

export function defaultInputs(workers: number): RunInputs {
  const scenario = BUILTIN_SCENARIOS[0];
  return {
    scenario: scenario.id,
    arms: BUILTIN_STRATEGIES.map((s) => s.id).filter((id) => DEFAULT_ARMS.includes(id)),
    members: String(scenario.members),
    days: String(scenario.horizonDays),
    seed: "1",
    workers: String(workers),
    playbooks: [],
    scenarioPatch: "",
  };
}

type Range = { field: keyof RunInputs; min: number; max: number };

/** The number fields' names in Chinese, for the form's messages. */
const FIELD_ZH: Partial<Record<keyof RunInputs, string>> = {
  members: "会员数",
  days: "天数",
  seed: "随机种子",
  workers: "线程数",
};

const RANGES: Record<"members" | "days" | "seed" | "workers", Range> = {
  members: { field: "members", min: 1, max: MAX_MEMBERS_IN_BROWSER },
  days: { field: "days", min: 1, max: 3650 },
  seed: { field: "seed", min: 0, max: 4294967295 },
  workers: { field: "workers", min: 1, max: MAX_WORKERS },
};

/**
 * Turns the form into a run, or into one message per bad field (`invalid members: -5 — …`). Whole
 * numbers may be typed with thousands separators ("100,000"). Strategies run in the order listed.
 * The scenario is one of `scenarios`: the built-in ones and any the page added (a fitted one).
 */
export function parseInputs(
  inputs: RunInputs,
  scenarios: readonly Scenario[] = BUILTIN_SCENARIOS,
): { request: RunRequest } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const whole = (range: Range): number => {
    const raw = inputs[range.field] as string;
    const text = raw.trim().replace(/(?<=\d)[,_ ](?=\d{3})/g, "");
    const value = /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!(value >= range.min && value <= range.max)) {
      const shown = raw.trim() === "" ? t("(empty)", "（空）") : raw.trim();
      const min = range.min.toLocaleString("en-US");
      const max = range.max.toLocaleString("en-US");
      errors.push({
        field: range.field,
        message: t(
          `invalid ${range.field}: ${shown} — enter a whole number from ${min} to ${max}`,
          `${FIELD_ZH[range.field] ?? range.field}无效：${shown} —— 请输入 ${min} 到 ${max} 之间的整数`,
        ),
      });
    }
    return value;
  };
  const scenario = scenarios.find((s) => s.id === inputs.scenario);
  if (!scenario)
    errors.push({
      field: "scenario",
      message: t(`invalid scenario: ${inputs.scenario}`, `场景无效：${inputs.scenario}`),
    });
  const strategies = BUILTIN_STRATEGIES.filter((s) => inputs.arms.includes(s.id));
  for (const [index, parsed] of parsePlaybooks(inputs.playbooks).entries()) {
    if ("error" in parsed) errors.push({ field: "playbooks", index, message: parsed.error });
    else strategies.push(parsed.strategy);
  }
  let chosen = scenario;
  if (scenario) {
    const patched = applyScenarioPatch(scenario, inputs.scenarioPatch);
    if ("error" in patched) errors.push({ field: "scenarioPatch", message: patched.error });
    else chosen = patched.scenario;
  }
  if (strategies.length < 2) {
    errors.push({
      field: "arms",
      message: t(
        `a comparison requires at least two strategies, got ${strategies.length}`,
        `对比至少需要两个策略，当前为 ${strategies.length} 个`,
      ),
    });
  }
  const members = whole(RANGES.members);
  const days = whole(RANGES.days);
  const seed = whole(RANGES.seed);
  const workers = whole(RANGES.workers);
  if (errors.length > 0 || !chosen) return { errors };
  return { request: { spec: { scenario: chosen, strategies, members, days, seed }, workers } };
}

/** Where a JSON text went wrong, in the CLI's words: `<source>: not valid JSON — <why>`. */
function parseJson(text: string, source: string): { value: unknown } | { error: string } {
  try {
    return { value: JSON.parse(text) };
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { error: `${source}: not valid JSON — ${why}` };
  }
}

/** How an edited playbook is named in its messages: `edited playbook 1: rules[0].hour …`. */
export const playbookSource = (index: number) => `edited playbook ${index + 1}`;

/**
 * Validates the edited playbooks with the CLI's `normalizeStrategy`, in order. A playbook whose id
 * is a built-in's or an earlier edited one's runs under a distinct id (`t-plus-7-edited`,
 * `t-plus-7-edited-2`, …), so the report's arms, and `control`, stay unambiguous.
 */
export function parsePlaybooks(
  texts: readonly string[],
): ({ strategy: Strategy } | { error: string })[] {
  const taken = new Set(BUILTIN_STRATEGIES.map((s) => s.id));
  return texts.map((text, index) => {
    const parsed = parsePlaybook(text, index);
    if ("error" in parsed) return parsed;
    const strategy = parsed.strategy;
    if (taken.has(strategy.id)) {
      let id = `${strategy.id}-edited`;
      for (let n = 2; taken.has(id); n++) id = `${strategy.id}-edited-${n}`;
      strategy.id = id;
    }
    taken.add(strategy.id);
    return { strategy };
  });
}

const playbookCache = new Map<string, { strategy: Strategy } | { error: string }>();

/** One edited playbook through `normalizeStrategy` (cached by text: it runs on every keystroke). */
export function parsePlaybook(
  text: string,
  index: number,
): { strategy: Strategy } | { error: string } {
  const source = playbookSource(index);
  const key = `${source}\n${text}`;
  let result = playbookCache.get(key);
  if (!result) {
    const json = parseJson(text, source);
    if ("error" in json) result = json;
    else {
      try {
        result = { strategy: normalizeStrategy(json.value, source) };
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        result = { error: error.message };
      }
    }
    if (playbookCache.size > 200) playbookCache.clear();
    playbookCache.set(key, result);
  }
  return "strategy" in result ? { strategy: structuredClone(result.strategy) } : result;
}

/** How the scenario editor is named in its messages. */
export const SCENARIO_PATCH_SOURCE = "scenario parameters";

/**
 * Lays a partial scenario (`{"fatigue": {"halfLifeDays": 2}}`) over `base` and validates the
 * whole through the CLI's `normalizeScenario`: objects merge key by key, anything else (numbers,
 * arrays) replaces. An empty text is the scenario as built.
 */
export function applyScenarioPatch(
  base: Scenario,
  text: string,
): { scenario: Scenario } | { error: string } {
  if (text.trim() === "") return { scenario: base };
  const json = parseJson(text, SCENARIO_PATCH_SOURCE);
  if ("error" in json) return json;
  const patch = json.value;
  if (typeof patch !== "object" || patch === null || Array.isArray(patch))
    return {
      error: `${SCENARIO_PATCH_SOURCE}: document must be an object, got ${JSON.stringify(patch)}`,
    };
  const merged = merge(base, patch) as Record<string, unknown>;
  if (Object.keys(patch).length > 0 && !("name" in patch)) merged.name = `${base.name} (edited)`;
  try {
    return { scenario: normalizeScenario(merged, SCENARIO_PATCH_SOURCE) };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return { error: error.message };
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function merge(base: unknown, patch: unknown): unknown {
  if (!isObject(base) || !isObject(patch)) return structuredClone(patch);
  const out: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(patch)) out[key] = merge(base[key], value);
  return out;
}
