import cdnowMusic from "../../scenarios/cdnow-music.json" with { type: "json" };
import knowledgeCourse from "../../scenarios/knowledge-course.json" with { type: "json" };
import { normalizeScenario, type Scenario } from "./normalize.ts";

/** The built-in scenarios; the first is the default. */
export const BUILTIN_SCENARIOS: readonly Scenario[] = [knowledgeCourse, cdnowMusic].map((doc) =>
  normalizeScenario(doc, `built-in scenario ${doc.id}`),
);

export const DEFAULT_SCENARIO_ID = BUILTIN_SCENARIOS[0].id;
