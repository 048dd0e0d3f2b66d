import {
  arrayAt,
  InputError,
  keywordAt,
  numberAt,
  objectAt,
  onlyKeys,
  stringAt,
  Where,
} from "../../strategies/check.ts";
import type { Strategy } from "../../strategies/types.ts";
import { normalizeScenario, type Scenario } from "../scenario/normalize.ts";
import {
  type PathStep,
  parsePath,
  scenarioNumberAt,
  takesWholeNumbers,
  withValues,
} from "./paths.ts";

export const DESIGN_TYPES = ["grid", "oat", "lhs", "sobol"] as const;
export type DesignType = (typeof DESIGN_TYPES)[number];

/** One swept parameter: a scenario path with a range (`min`, `max`, `steps`) or `values`. */
export type SweepParameter = {
  path: string;
  pathSteps: PathStep[];
  /** The scenario's own value: `oat` varies each parameter around it. */
  base: number;
  /** The scenario schema takes only whole numbers here: designs round to them. */
  integer: boolean;
  min?: number;
  max?: number;
  /** Levels from min to max (grid and oat); 2 (min and max) when absent. */
  steps?: number;
  values?: number[];
};

/** A validated sweep spec (the JSON format of issue 13), with scenario and arms loaded. */
export type SweepSpec = {
  /** The spec file (or a label), named in every error. */
  source: string;
  scenario: Scenario;
  strategies: Strategy[];
  members: number;
  days: number;
  replications: number;
  /** Replication r runs seed + r. */
  seed: number;
  design: { type: DesignType; points?: number; seed: number };
  parameters: SweepParameter[];
};

/** How the spec's names become a scenario and strategies (the CLI resolves files next to the spec). */
export type SpecLoaders = {
  scenario: (name: string) => Scenario;
  strategy: (name: string) => Strategy;
};

const FIELDS = [
  "scenario",
  "arms",
  "members",
  "days",
  "replications",
  "seed",
  "design",
  "parameters",
];
const MAX_SEED = 4294967295;

/** Validates a sweep spec document; errors name `source`, the field path and the value. */
export function normalizeSweepSpec(input: unknown, source: string, load: SpecLoaders): SweepSpec {
  const at = new Where(source);
  const doc = objectAt(at, input);
  onlyKeys(at, doc, FIELDS);
  const scenario = scenarioOf(at.key("scenario"), doc.scenario, load);
  const armsAt = at.key("arms");
  const arms = arrayAt(armsAt, doc.arms);
  if (arms.length < 2 || arms.length > 16)
    armsAt.fail("must list 2 to 16 strategies (each compared with the first)", arms);
  const strategies = arms.map((name, i) => load.strategy(stringAt(armsAt.index(i), name)));
  const members = numberAt(
    at.key("members"),
    doc.members,
    { min: 1, max: 10_000_000, integer: true },
    scenario.members,
  );
  const days = numberAt(
    at.key("days"),
    doc.days,
    { min: 1, max: 3650, integer: true },
    scenario.horizonDays,
  );
  const replications = numberAt(
    at.key("replications"),
    doc.replications,
    { min: 1, max: 1000, integer: true },
    1,
  );
  const seed = numberAt(
    at.key("seed"),
    doc.seed,
    { min: 0, max: MAX_SEED - replications + 1, integer: true },
    1,
  );
  const design = designOf(at.key("design"), doc.design);
  const parametersAt = at.key("parameters");
  const list = arrayAt(parametersAt, doc.parameters);
  if (list.length < 1 || list.length > 50)
    parametersAt.fail("must list 1 to 50 parameters", list.length);
  const parameters = list.map((item, i) =>
    parameterOf(parametersAt.index(i), item, design.type, scenario),
  );
  parameters.forEach((p, i) => {
    const first = parameters.findIndex((q) => q.path === p.path);
    if (first < i)
      parametersAt.index(i).key("path").fail(`repeats parameters[${first}].path`, p.path);
  });
  return { source, scenario, strategies, members, days, replications, seed, design, parameters };
}

function scenarioOf(where: Where, value: unknown, load: SpecLoaders): Scenario {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    return normalizeScenario(value, `${where.source}: ${where.path}`);
  }
  return load.scenario(stringAt(where, value));
}

function designOf(where: Where, value: unknown): SweepSpec["design"] {
  const doc = objectAt(where, value);
  const type = keywordAt(where.key("type"), doc.type, DESIGN_TYPES);
  const sampled = type === "lhs" || type === "sobol";
  onlyKeys(where, doc, sampled ? ["type", "points", "seed"] : ["type"]);
  if (!sampled) return { type, seed: 0 };
  if (doc.points === undefined)
    where.key("points").fail(`is required for a ${type} design`, undefined);
  const points = numberAt(where.key("points"), doc.points, { min: 2, max: 100_000, integer: true });
  const seed = numberAt(where.key("seed"), doc.seed, { min: 0, max: MAX_SEED, integer: true }, 1);
  return { type, points, seed };
}

function parameterOf(
  where: Where,
  value: unknown,
  type: DesignType,
  scenario: Scenario,
): SweepParameter {
  const doc = objectAt(where, value);
  const levelled = type === "grid" || type === "oat";
  onlyKeys(
    where,
    doc,
    levelled ? ["path", "min", "max", "steps", "values"] : ["path", "min", "max"],
  );
  const path = stringAt(where.key("path"), doc.path);
  const base = scenarioNumberAt(where.key("path"), scenario, path);
  const pathSteps = parsePath(where.key("path"), path);
  const parameter: SweepParameter = {
    path,
    pathSteps,
    base,
    integer: takesWholeNumbers(scenario, pathSteps),
  };
  const check = (field: Where, v: number) => {
    normalizeScenario(
      withValues(scenario, [{ steps: pathSteps, value: v }]),
      `${field.source}: ${field.path}`,
    );
  };
  if (doc.values !== undefined) {
    if (doc.min !== undefined || doc.max !== undefined || doc.steps !== undefined) {
      where
        .key("values")
        .fail("takes the place of min, max and steps: give one or the other", doc.values);
    }
    const list = arrayAt(where.key("values"), doc.values);
    if (list.length < 1 || list.length > 1000)
      where.key("values").fail("must list 1 to 1000 numbers", list.length);
    parameter.values = list.map((v, i) => {
      const n = numberAt(where.key("values").index(i), v, {});
      check(where.key("values").index(i), n);
      return n;
    });
    return parameter;
  }
  if (doc.min === undefined || doc.max === undefined) {
    const missing = doc.min === undefined ? "min" : "max";
    const either = levelled ? "min and max, or values" : "min and max";
    where.key(missing).fail(`is required (a parameter has ${either})`, undefined);
  }
  const min = numberAt(where.key("min"), doc.min, {});
  const max = numberAt(where.key("max"), doc.max, {});
  if (!(max > min)) where.key("max").fail(`must be > min (${min})`, max);
  check(where.key("min"), min);
  check(where.key("max"), max);
  parameter.min = min;
  parameter.max = max;
  if (levelled)
    parameter.steps = numberAt(
      where.key("steps"),
      doc.steps,
      { min: 2, max: 1000, integer: true },
      2,
    );
  return parameter;
}

export { InputError };
