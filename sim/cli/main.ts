import { InputError } from "../errors.ts";
import { type Command, type Io, processIo } from "./io.ts";

// Commands load lazily so `list` does not pay for the engine or the statistics.
const commands: Record<string, () => Promise<Command>> = {
  compare: async () => (await import("./compare.ts")).compareCommand,
  fit: async () => (await import("./fit.ts")).fitCommand,
  list: async () => (await import("./list.ts")).listCommand,
  stats: async () => (await import("./stats.ts")).statsCommand,
  sweep: async () => (await import("./sweep.ts")).sweepCommand,
  worker: async () => (await import("./worker.ts")).workerCommand,
};

function usage(): string {
  return [
    "usage: retention-lab <command> [options]",
    "",
    "commands:",
    "  compare   simulate playbooks against one member population and compare the arms",
    "  list      list the built-in scenarios and strategies",
    "  stats     statistical tests, power and the reference cases",
    "  fit       fit BG/NBD and Gamma-Gamma to a transaction log",
    "  sweep     run a comparison over a design of scenario parameters (local or through Redis)",
    "  worker    take sweep jobs from a Redis queue and run them",
    "",
    "Run `retention-lab <command> --help` for a command's options.",
    "",
  ].join("\n");
}

/** Runs the CLI; returns the exit code (0 ok, 2 bad input, 1 internal error). */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    io.stderr(
      `retention-lab: unknown command ${JSON.stringify(name)}; try: ${Object.keys(commands).join(", ")}\n`,
    );
    return 2;
  }
  try {
    const command = await load();
    return await command.run(rest, io);
  } catch (error) {
    // Bad input and a failed worker end the run with their message and exit code 2.
    if (error instanceof InputError || (error instanceof Error && error.name === "WorkerError")) {
      io.stderr(`retention-lab ${name}: ${error.message}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`retention-lab ${name}: internal error: ${message}\n`);
    if (process.env.RETENTION_LAB_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
    return 1;
  }
}
