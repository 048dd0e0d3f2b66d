import * as Comlink from "comlink";
import type { BlockJob } from "../engine/block.ts";
import { simulateBlock } from "../engine/block.ts";
import { type BlockOutcome, blockBuffers } from "../engine/outcomes.ts";
import { type BlockSummary, summaryBuffers } from "../engine/summary.ts";
import { type ComparisonSpec, type Prepared, prepare, summaryOf } from "../run.ts";

/**
 * What a worker offers over Comlink: the same engine code in a Web Worker and in a Node
 * worker_thread. A worker prepares a spec once (tables, compiled plans), then runs blocks.
 */
export type WorkerApi = {
  prepare(spec: ComparisonSpec): void;
  runBlock(job: BlockJob): BlockOutcome;
  /** A block simulated and summarised here: what the report needs, without the members. */
  summariseBlock(job: BlockJob): BlockSummary;
};

export function createWorkerApi(): WorkerApi {
  let prepared: Prepared | null = null;
  return {
    prepare(spec) {
      prepared = prepare(spec);
    },
    runBlock(job) {
      if (!prepared) throw new Error("runBlock requires prepare(spec) first");
      const outcome = simulateBlock(prepared.tables, prepared.plans, job);
      // Hand the typed arrays over instead of copying them.
      return Comlink.transfer(outcome, blockBuffers(outcome));
    },
    summariseBlock(job) {
      if (!prepared) throw new Error("summariseBlock requires prepare(spec) first");
      const summary = summaryOf(prepared, simulateBlock(prepared.tables, prepared.plans, job));
      return Comlink.transfer(summary, summaryBuffers(summary));
    },
  };
}
