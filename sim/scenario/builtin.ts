import cdnowMusic from "../../scenarios/cdnow-music.json" with { type: "json" };
import dtcDairy from "../../scenarios/dtc-dairy.json" with { type: "json" };
import heroProduct from "../../scenarios/hero-product.json" with { type: "json" };
import knowledgeCourse from "../../scenarios/knowledge-course.json" with { type: "json" };
import motherBaby from "../../scenarios/mother-baby.json" with { type: "json" };
import restaurantVip from "../../scenarios/restaurant-vip.json" with { type: "json" };
import teaChain from "../../scenarios/tea-chain.json" with { type: "json" };
import { normalizeScenario, type Scenario } from "./normalize.ts";

/** The built-in scenarios; the first is the default. */
export const BUILTIN_SCENARIOS: readonly Scenario[] = [
  knowledgeCourse,
  dtcDairy,
  heroProduct,
  restaurantVip,
  motherBaby,
  teaChain,
  cdnowMusic,
].map((doc) => normalizeScenario(doc, `built-in scenario ${doc.id}`));

export const DEFAULT_SCENARIO_ID = BUILTIN_SCENARIOS[0].id;
