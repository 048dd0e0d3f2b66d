import * as Comlink from "comlink";
import {
  type AnalysisOptions,
  type BlockSummary,
  type ComparisonSpec,
  type Report,
  summaryBuffers,
} from "../../sim/index.ts";
import { workersAllowed } from "./browser-pool.ts";
import { createReportApi, type ReportApi } from "./report-api.ts";

type Calls = { [K in keyof ReportApi]: (...args: Parameters<ReportApi[K]>) => Promise<Report> };

/**
 * The page's side of the report worker (report-worker.ts): one worker for the page's life, started
 * on first use. A worker that fails to load rejects the call instead of leaving it hanging. A page
 * that may not start workers (`workersAllowed`: file:// in Chromium) builds reports in its own thread.
 */
export class ReportClient {
  private worker: Worker | null = null;
  private remote: Comlink.Remote<ReportApi> | Calls | null = null;
  private failed: Promise<never> | null = null;

  private start(): { remote: Comlink.Remote<ReportApi> | Calls; failed: Promise<never> } {
    if (!workersAllowed && (!this.remote || !this.failed)) {
      const local = createReportApi();
      this.remote = {
        report: async (...args) => local.report(...args),
        reanalyse: async (...args) => local.reanalyse(...args),
      };
      this.failed = new Promise<never>(() => {});
    }
    if (!this.remote || !this.failed) {
      const worker = new Worker(new URL("./report-worker.ts", import.meta.url), { type: "module" });
      this.worker = worker;
      this.remote = Comlink.wrap<ReportApi>(worker);
      this.failed = new Promise<never>((_, reject) => {
        worker.addEventListener("error", (event) => {
          event.preventDefault();
          reject(new Error(event.message || "the report worker could not start"));
        });
      });
      this.failed.catch(() => {});
    }
    return { remote: this.remote, failed: this.failed };
  }

  /** Starts the worker ahead of the first run, so its code is loaded and warm by then. */
  warm(): void {
    if (workersAllowed) this.start();
  }

  /** The report of a run's blocks, which move to the worker (the page no longer holds them). */
  async report(spec: ComparisonSpec, blocks: BlockSummary[]): Promise<Report> {
    const { remote, failed } = this.start();
    const buffers = blocks.flatMap(summaryBuffers);
    return this.guard(
      Promise.race([remote.report(spec, Comlink.transfer(blocks, buffers)), failed]),
    );
  }

  /** The last run's report under another α or adjustment, without simulating again. */
  async reanalyse(analysis: AnalysisOptions): Promise<Report> {
    const { remote, failed } = this.start();
    return this.guard(Promise.race([remote.reanalyse(analysis), failed]));
  }

  /** A worker that failed is replaced on the next call. */
  private async guard(result: Promise<Report>): Promise<Report> {
    try {
      return await result;
    } catch (error) {
      this.stop();
      throw error;
    }
  }

  stop(): void {
    // Only a worker's remote is a Comlink proxy; the in-thread calls have nothing to release.
    if (this.worker) (this.remote as Comlink.Remote<ReportApi> | null)?.[Comlink.releaseProxy]();
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
    this.failed = null;
  }
}
