import { InputError } from "../errors.ts";
import { defaultWorkers } from "../pool/node-pool.ts";
import { parseQueueUrl, redact, runQueueWorker } from "../sweep/index.ts";
import { parseArgs, refusePositional } from "./args.ts";
import type { Command } from "./io.ts";

const HELP = `usage: retention-lab worker --queue URL [options]

Takes sweep jobs from the BullMQ queue on Redis and runs them until stopped (Ctrl-C or SIGTERM:
the jobs in hand finish first). Start one on each machine; \`retention-lab sweep --queue URL\`
fills the queue and collects the results. Run the same version of retention-lab everywhere.

  --queue URL          the Redis server: redis://HOST:PORT, redis://:PASSWORD@HOST:PORT/DB, or
                       rediss://… for TLS (a managed Redis)
  --workers N          engine threads, jobs simulated at once (default: the number of cores)
  --stall-seconds S    lock time of a job (default 30): a worker that dies mid-job loses its jobs
                       to the other workers after about this long
  --quiet              no line per job on stderr
`;

const SPEC = {
  queue: "string",
  workers: "integer",
  "stall-seconds": "number",
  quiet: "boolean",
  help: "boolean",
} as const;

export const workerCommand: Command = {
  summary: "take sweep jobs from a Redis queue and run them",
  async run(argv, io) {
    const { options, positional } = parseArgs(argv, SPEC);
    if (options.help) {
      io.stdout(HELP);
      return 0;
    }
    refusePositional(positional);
    if (options.queue === undefined) throw new InputError("option --queue URL is required");
    const url = parseQueueUrl(String(options.queue));
    const threads = Number(options.workers ?? defaultWorkers());
    if (threads < 1 || threads > 64)
      throw new InputError(`option --workers must be from 1 to 64, got ${threads}`);
    const stallSeconds = Number(options["stall-seconds"] ?? 30);
    if (!(stallSeconds >= 1 && stallSeconds <= 3600))
      throw new InputError(`option --stall-seconds must be from 1 to 3600, got ${stallSeconds}`);
    const quiet = options.quiet === true;
    const controller = new AbortController();
    let stops = 0;
    const stop = () => {
      stops++;
      // A second Ctrl-C does not wait for the jobs in hand: they go back to the queue as stalled.
      if (stops > 1) process.exit(130);
      controller.abort();
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    try {
      const done = await runQueueWorker({
        url,
        threads,
        stallSeconds,
        signal: controller.signal,
        log: (line) => {
          if (!quiet) io.stderr(`worker: ${line}\n`);
        },
      });
      io.stderr(`worker: stopped after ${done} jobs from ${redact(url)}\n`);
      return 0;
    } finally {
      process.removeListener("SIGINT", stop);
      process.removeListener("SIGTERM", stop);
    }
  },
};
