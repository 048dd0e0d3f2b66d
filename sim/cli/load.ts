import { readFileSync } from "node:fs";
import { parseJson } from "../../strategies/check.ts";
import { BUILTIN_STRATEGIES, normalizeStrategy, type Strategy } from "../../strategies/index.ts";
import { InputError } from "../errors.ts";
import { BUILTIN_SCENARIOS } from "../scenario/builtin.ts";
import { normalizeScenario, type Scenario } from "../scenario/normalize.ts";

/** Reads a JSON file, with errors that name the file. */
export function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a directory"
          : String(code ?? error);
    throw new InputError(`cannot read ${what} file ${path}: ${reason}`);
  }
  return parseJson(path, text.replace(/^\uFEFF/, ""));
}

function looksLikeFile(name: string): boolean {
  return name.endsWith(".json") || name.includes("/") || name.includes("\\");
}

/** A built-in scenario by id, or a scenario file. */
export function loadScenario(name: string): Scenario {
  const builtin = BUILTIN_SCENARIOS.find((s) => s.id === name);
  if (builtin) return builtin;
  if (!looksLikeFile(name)) {
    const known = BUILTIN_SCENARIOS.map((s) => s.id).join(", ");
    throw new InputError(
      `unknown scenario ${JSON.stringify(name)}; built-in scenarios: ${known} (or give a .json file)`,
    );
  }
  return normalizeScenario(readJsonFile(name, "scenario"), name);
}

/** A built-in strategy by id, or a playbook file. */
export function loadStrategy(name: string): Strategy {
  const builtin = BUILTIN_STRATEGIES.find((s) => s.id === name);
  if (builtin) return builtin;
  if (!looksLikeFile(name)) {
    const known = BUILTIN_STRATEGIES.map((s) => s.id).join(", ");
    throw new InputError(
      `unknown strategy ${JSON.stringify(name)}; built-in strategies: ${known} (or give a .json file)`,
    );
  }
  return normalizeStrategy(readJsonFile(name, "strategy"), name);
}
