import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../../sim/cli/main.ts";

export const BIN = fileURLToPath(new URL("../../bin/retention-lab.js", import.meta.url));

/** Runs the CLI in this process, capturing its output. */
export async function cli(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "retention-lab-sweep-"));
}

/** Writes a spec file into `dir` and returns its path. */
export function writeSpec(dir: string, spec: unknown, name = "spec.json"): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(spec, null, 1));
  return path;
}

/** A loopback port nothing listens on (the OS's pick, closed again). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A child process with its stderr collected and a way to wait for a line. */
export type Child = {
  process: ChildProcess;
  output: () => string;
  waitFor: (pattern: RegExp) => Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
};

export function start(command: string, args: string[]): Child {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  const waiters: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  const onData = (chunk: Buffer) => {
    text += chunk.toString();
    for (const w of [...waiters]) {
      const match = text.match(w.pattern);
      if (match) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(match);
      }
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code, signal) => resolve(signal ? null : code)),
  );
  return {
    process: child,
    output: () => text,
    exited,
    waitFor: (pattern) => {
      const match = text.match(pattern);
      if (match) return Promise.resolve(match);
      return new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        void exited.then((code) =>
          reject(new Error(`exited (${code}) before printing ${pattern}:\n${text}`)),
        );
      });
    },
  };
}

/** The retention-lab CLI as a child process (as a user runs it). */
export const startCli = (args: string[]) => start(process.execPath, [BIN, ...args]);

/**
 * A real redis-server (Debian's package) on a free loopback port with a temporary folder, nothing
 * persisted; `stop` ends it and removes the folder.
 */
export async function startRedis(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const dir = tempDir();
  const server = start("redis-server", [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--dir",
    dir,
    "--save",
    "",
    "--appendonly",
    "no",
  ]);
  const failed = new Promise<never>((_, reject) => {
    server.process.once("error", (error) =>
      reject(
        new Error(`cannot start redis-server (apt-get install redis-server): ${error.message}`),
      ),
    );
  });
  await Promise.race([server.waitFor(/Ready to accept connections/), failed]);
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      server.process.kill("SIGTERM");
      await server.exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Job keys in a worker's log that it started / completed. */
export function logged(log: string, what: "started" | "done"): string[] {
  const pattern = new RegExp(`^worker: (\\S+) ${what}\\b`, "gm");
  return [...log.matchAll(pattern)].map((m) => m[1]);
}
