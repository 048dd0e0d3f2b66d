import {
  type AnalysisOptions,
  type BlockSummary,
  type ComparisonSpec,
  prepare,
  type Report,
  reportFor,
} from "../../sim/index.ts";

/**
 * What the report worker (report-worker.ts) offers: builds a run's report from its simulated
 * blocks, and keeps the blocks so a new α or adjustment re-analyses the same members without
 * simulating them again. A page that may not start workers (file://) uses it in its own thread.
 */
export function createReportApi() {
  let kept: { spec: ComparisonSpec; blocks: BlockSummary[] } | null = null;
  return {
    /** The report of a run; its blocks are kept for `reanalyse`. */
    report(spec: ComparisonSpec, blocks: BlockSummary[]): Report {
      kept = { spec, blocks };
      return reportFor(prepare(spec), blocks);
    },
    /** The last run's report under another α or adjustment: the same members, tested again. */
    reanalyse(analysis: AnalysisOptions): Report {
      if (!kept) throw new Error("there is no run to re-analyse yet");
      kept = { ...kept, spec: { ...kept.spec, analysis } };
      return reportFor(prepare(kept.spec), kept.blocks);
    },
  };
}

export type ReportApi = ReturnType<typeof createReportApi>;
