import { InputError, type Where } from "../../strategies/check.ts";
import { normalizeScenario, type Scenario } from "../scenario/normalize.ts";

/** One step of a scenario path: an object key or an array index. */
export type PathStep = string | number;

// Set by the spec's `members` and `days`, so sweeping them in the scenario would change nothing.
const SET_BY_SPEC: Record<string, string> = {
  members: "members",
  horizonDays: "days",
};

/**
 * Splits a scenario path such as `fatigue.halfLifeDays`, `response.lift.hard-sell` or
 * `membership.tiers[1].minSpend` into its steps; `where` names the spec field in errors.
 */
export function parsePath(where: Where, path: string): PathStep[] {
  const steps: PathStep[] = [];
  for (const segment of path.split(".")) {
    const match = /^([A-Za-z0-9_-]+)((?:\[\d+\])*)$/.exec(segment);
    if (!match) where.fail("must be dot-separated scenario keys, e.g. fatigue.halfLifeDays", path);
    steps.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) steps.push(Number(index[1]));
  }
  return steps;
}

/** The path as normalizeScenario names fields in its errors: `a.b[0].c`. */
export function formatPath(steps: readonly PathStep[]): string {
  return steps
    .map((step, i) => (typeof step === "number" ? `[${step}]` : i === 0 ? step : `.${step}`))
    .join("");
}

function listKeys(object: Record<string, unknown>): string {
  const keys = Object.keys(object);
  return keys.length > 12 ? `${keys.slice(0, 12).join(", ")}, …` : keys.join(", ");
}

/**
 * Checks that a path names a number of the scenario (whose shape is scenarios/defaults.json, since
 * normalizeScenario fills every field) and returns that number: the scenario's own value.
 */
export function scenarioNumberAt(where: Where, scenario: Scenario, path: string): number {
  const steps = parsePath(where, path);
  const top = steps[0] as string;
  if (steps.length === 1 && Object.hasOwn(SET_BY_SPEC, top)) {
    where.fail(`is set by the spec's ${SET_BY_SPEC[top]}, not swept as a scenario parameter`, path);
  }
  let value: unknown = scenario;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const here = i === 0 ? "the scenario" : formatPath(steps.slice(0, i));
    if (typeof step === "number") {
      if (!Array.isArray(value))
        where.fail(`must name a number in the scenario: ${here} is not a list`, path);
      if (step >= value.length) {
        where.fail(
          `must name a number in the scenario: ${here} has ${value.length} entries (indices from 0)`,
          path,
        );
      }
      value = value[step];
      continue;
    }
    if (Array.isArray(value)) {
      where.fail(
        `must name a number in the scenario: ${here} is a list, index it as ${here}[0]`,
        path,
      );
    }
    if (typeof value !== "object" || value === null) {
      where.fail(
        `must name a number in the scenario: ${here} is a ${typeof value}, not an object`,
        path,
      );
    }
    const object = value as Record<string, unknown>;
    if (!Object.hasOwn(object, step) || step === "source") {
      where.fail(
        `must name a number in the scenario: ${here} has no "${step}" (it has: ${listKeys(object)})`,
        path,
      );
    }
    value = object[step];
  }
  if (typeof value !== "number") {
    const kind = Array.isArray(value)
      ? "a list"
      : typeof value === "object"
        ? "an object"
        : `a ${typeof value}`;
    where.fail(`must name a number in the scenario, but it is ${kind}`, path);
  }
  return value;
}

/** A copy of the scenario with the numbers at the given paths replaced. */
export function withValues(
  scenario: Scenario,
  settings: readonly { steps: readonly PathStep[]; value: number }[],
): Scenario {
  const copy = structuredClone(scenario);
  for (const { steps, value } of settings) {
    let node = copy as unknown as Record<string | number, unknown>;
    for (const step of steps.slice(0, -1)) node = node[step] as Record<string | number, unknown>;
    node[steps[steps.length - 1]] = value;
  }
  return copy;
}

/**
 * Whether the scenario schema takes only whole numbers at this path (the check comes before the
 * bounds in normalizeScenario, so a value of 0.5 fails with "must be a whole number" there and only
 * there).
 */
export function takesWholeNumbers(scenario: Scenario, steps: readonly PathStep[]): boolean {
  try {
    normalizeScenario(withValues(scenario, [{ steps, value: 0.5 }]), "probe");
    return false;
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return error.message.startsWith(`probe: ${formatPath(steps)} must be a whole number`);
  }
}
