import { basename, dirname, extname, isAbsolute, resolve } from "node:path";
import { InputError } from "../errors.ts";
import { defaultWorkers } from "../pool/node-pool.ts";
import {
  createProgress,
  normalizeSweepSpec,
  parseQueueUrl,
  planSweep,
  redact,
  runSweep,
  type SpecLoaders,
  type SweepBackend,
} from "../sweep/index.ts";
import { parseArgs, refusePositional } from "./args.ts";
import type { Command, Io } from "./io.ts";
import { loadScenario, loadStrategy, readJsonFile } from "./load.ts";
import { inDir, writeOutputs } from "./output.ts";

const HELP = `usage: retention-lab sweep --spec FILE [options]

Runs a comparison at every point of a design over scenario parameters, with replications
(seeds), and tells where each arm beats the first and which parameters decide it.
The spec format is in docs/sweeps.md.

  --spec FILE          the sweep spec (JSON); scenario and playbook files in it are found
                       next to it
  --out DIR            where job results and the outputs go (default: sweep-<spec name>);
                       run again with the same DIR to resume: finished jobs are skipped
  --workers N          engine threads of the local backend (default: the number of cores)
  --queue URL          run the jobs through BullMQ on Redis (redis://HOST:PORT or rediss://…)
                       on any number of \`retention-lab worker --queue URL\` processes
  --quiet              no progress on stderr

Writes points.csv, summary.json and summary.txt into DIR and prints the summary.
Ctrl-C stops cleanly: finished jobs stay in DIR for the next run.
`;

const SPEC = {
  spec: "string",
  out: "string",
  workers: "integer",
  queue: "string",
  quiet: "boolean",
  help: "boolean",
} as const;

const looksLikeFile = (name: string) =>
  name.endsWith(".json") || name.includes("/") || name.includes("\\");

/** Scenario and playbook names of a spec: built-in ids, or files relative to the spec's folder. */
function loaders(specPath: string): SpecLoaders {
  const near = (name: string) =>
    looksLikeFile(name) && !isAbsolute(name) ? resolve(dirname(specPath), name) : name;
  const named =
    <T>(field: string, load: (name: string) => T) =>
    (name: string): T => {
      try {
        return load(near(name));
      } catch (error) {
        if (error instanceof InputError && !error.message.startsWith(specPath)) {
          throw new InputError(`${specPath}: ${field}: ${error.message}`);
        }
        throw error;
      }
    };
  return { scenario: named("scenario", loadScenario), strategy: named("arms", loadStrategy) };
}

export const sweepCommand: Command = {
  summary: "run a comparison over a design of scenario parameters (local or through Redis)",
  async run(argv, io) {
    const { options, positional } = parseArgs(argv, SPEC);
    if (options.help) {
      io.stdout(HELP);
      return 0;
    }
    refusePositional(positional);
    if (options.spec === undefined) throw new InputError("option --spec FILE is required");
    const specPath = String(options.spec);
    if (options.queue !== undefined && options.workers !== undefined) {
      throw new InputError(
        "options --queue and --workers do not go together: with --queue, each worker sets its own",
      );
    }
    const workers = Number(options.workers ?? defaultWorkers());
    if (workers < 1 || workers > 64)
      throw new InputError(`option --workers must be from 1 to 64, got ${workers}`);
    const backend: SweepBackend =
      options.queue === undefined
        ? { kind: "local", workers }
        : { kind: "queue", url: parseQueueUrl(String(options.queue)) };
    const out = String(options.out ?? `sweep-${basename(specPath, extname(specPath))}`);
    const spec = normalizeSweepSpec(
      readJsonFile(specPath, "sweep spec"),
      specPath,
      loaders(specPath),
    );
    const plan = planSweep(spec);

    const quiet = options.quiet === true;
    const controller = new AbortController();
    const interrupt = () => controller.abort();
    process.once("SIGINT", interrupt);
    process.once("SIGTERM", interrupt);
    let progress: ReturnType<typeof createProgress> | null = null;
    try {
      const outcome = await runSweep({
        plan,
        out,
        backend,
        signal: controller.signal,
        onStart: ({ total, reused, dir }) => {
          if (quiet) return;
          const where =
            backend.kind === "local"
              ? `${workers} local worker${workers === 1 ? "" : "s"}`
              : redact(backend.url);
          const skipped = reused > 0 ? `, ${reused} already done in ${dir} (skipped)` : "";
          io.stderr(`sweep: ${total} jobs${skipped}; running ${total - reused} on ${where}\n`);
          progress = createProgress(io.stderr, total - reused, process.stderr.isTTY === true);
        },
        onProgress: (done) => progress?.update(done),
        notice: (line) => {
          if (!quiet) io.stderr(`sweep: ${line}\n`);
        },
      });
      (progress as ReturnType<typeof createProgress> | null)?.end();
      if (outcome.interrupted) {
        io.stderr(
          `sweep: interrupted; ${outcome.reused + outcome.ran} of ${outcome.total} jobs are stored in ${out}: run the same command to finish\n`,
        );
        return 130;
      }
      writeOutputs(outcome.files.map((f) => ({ path: inDir(out, f.name), text: f.text })));
      io.stdout(outcome.text);
      if (!quiet) {
        io.stderr(
          `sweep: ${outcome.ran} jobs run, ${outcome.reused} reused; wrote points.csv, summary.json and summary.txt in ${out}\n`,
        );
      }
      return 0;
    } finally {
      process.removeListener("SIGINT", interrupt);
      process.removeListener("SIGTERM", interrupt);
    }
  },
};

export type { Io };
