import type { ComparisonSpec } from "../sim/run.ts";
import { BUILTIN_SCENARIOS } from "../sim/scenario/builtin.ts";
import type { Scenario } from "../sim/scenario/normalize.ts";
import { BUILTIN_STRATEGIES } from "../strategies/index.ts";

/** What the run form holds: text exactly as typed, so a message can show it back. */
export type RunInputs = {
  scenario: string;
  arms: string[];
  members: string;
  days: string;
  seed: string;
  workers: string;
};

/** A field the user has to fix, and what to tell them. */
export type FieldError = { field: keyof RunInputs; message: string };

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
  };
}

type Range = { field: keyof RunInputs; min: number; max: number };

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
      const shown = raw.trim() === "" ? "(empty)" : raw.trim();
      errors.push({
        field: range.field,
        message: `invalid ${range.field}: ${shown} — enter a whole number from ${range.min.toLocaleString("en-US")} to ${range.max.toLocaleString("en-US")}`,
      });
    }
    return value;
  };
  const scenario = scenarios.find((s) => s.id === inputs.scenario);
  if (!scenario)
    errors.push({ field: "scenario", message: `invalid scenario: ${inputs.scenario}` });
  const strategies = BUILTIN_STRATEGIES.filter((s) => inputs.arms.includes(s.id));
  if (strategies.length < 2) {
    errors.push({
      field: "arms",
      message: `a comparison requires at least two strategies, got ${strategies.length}`,
    });
  }
  const members = whole(RANGES.members);
  const days = whole(RANGES.days);
  const seed = whole(RANGES.seed);
  const workers = whole(RANGES.workers);
  if (errors.length > 0 || !scenario) return { errors };
  return { request: { spec: { scenario, strategies, members, days, seed }, workers } };
}
