import type { Plan } from "../../strategies/compile.ts";
import type { BlockSummary } from "../engine/summary.ts";
import type { Tables } from "../engine/tables.ts";
import { type Analysis, type AnalysisOptions, analyse } from "../experiment/analysis.ts";
import type { PairedSection } from "../experiment/paired.ts";
import type { ReplicationSummary } from "../experiment/replications.ts";
import type { Scenario } from "../scenario/normalize.ts";
import { type ArmReport, addVsControl, armReport } from "./arm-report.ts";

/** The comparison report: what `compare --json` writes and the dashboard shows. */
export type Report = {
  tool: string;
  scenario: string;
  scenarioName: string;
  /** The scenario's Chinese name, when it has one (the dashboard shows it in Chinese). */
  scenarioNameZh?: string;
  seed: number;
  members: number;
  days: number;
  /** Share of members randomised to each arm. */
  split: number[];
  arms: ArmReport[];
  /** Replications (`--replications R`): the spread of the outcome over R seeds. */
  replications?: ReplicationSummary;
  /** Paired mode (`--paired`): the true effects, every member simulated under every arm. */
  paired?: PairedSection;
} & Analysis;

export const TOOL = "retention-lab 0.1.0";

export function buildReport(options: {
  scenario: Scenario;
  plans: readonly Plan[];
  tables: Tables;
  /** The merged summary of the blocks (`mergeSummaries`). */
  summary: BlockSummary;
  seed: number;
  split: number[];
  analysis?: AnalysisOptions;
}): Report {
  const { scenario, plans, tables, summary, seed, split } = options;
  return {
    tool: TOOL,
    scenario: scenario.id,
    scenarioName: scenario.name,
    ...(scenario.nameZh ? { scenarioNameZh: scenario.nameZh } : {}),
    seed,
    members: summary.count,
    days: tables.days,
    split,
    arms: addVsControl(plans.map((plan, arm) => armReport(arm, plan, tables, summary))),
    ...analyse({
      summary,
      strategies: plans.map((plan) => plan.id),
      split,
      days: tables.days,
      windowDays: scenario.acquisition.windowDays,
      curve: scenario.acquisition.curve,
      analysis: options.analysis,
    }),
  };
}
