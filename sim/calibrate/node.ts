import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { InputError, show } from "../errors.ts";
import { type CalibrateOptions, type Calibration, calibrateLog } from "./calibrate.ts";
import { type ImportOptions, LogReader, type TransactionLog } from "./log-reader.ts";

// The Node side of calibration: logs read from files on disk. Everything else is browser-safe.

/**
 * Imports a transaction log file and calibrates on it (`calibrateLog`). Throws InputError for
 * unusable input.
 */
export async function calibrate(file: string, options: CalibrateOptions): Promise<Calibration> {
  return calibrateLog(await importTransactions(file, options), options);
}

/**
 * Streams a transaction log file from disk through a `LogReader` (see there for the formats and
 * the bad-row rules). Throws InputError for a missing or unreadable file and whatever the reader
 * refuses.
 */
export async function importTransactions(
  file: string,
  options: ImportOptions = {},
): Promise<TransactionLog> {
  await checkReadable(file);
  const reader = new LogReader(file, options);
  const stream = createReadStream(file, { encoding: "utf8" });
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      lines.close();
      stream.destroy();
      reject(error);
    };
    stream.on("error", (error) => fail(new InputError(`cannot read ${file}: ${error.message}`)));
    lines.on("line", (raw) => {
      if (failed) return;
      try {
        reader.line(raw);
      } catch (error) {
        fail(error);
      }
    });
    lines.on("close", () => {
      if (!failed) resolve();
    });
  });
  return reader.finish();
}

async function checkReadable(file: string) {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new InputError(`cannot read --transactions ${show(file)}: ${why}; check the path`);
  }
  if (!info.isFile()) throw new InputError(`--transactions ${show(file)} is not a file`);
}
