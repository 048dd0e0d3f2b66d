import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { InputError, show } from "../errors.ts";
import { type CalibrateOptions, type Calibration, calibrateLog } from "./calibrate.ts";
import { type ImportOptions, LineSplitter, LogReader, type TransactionLog } from "./log-reader.ts";

// The Node side of calibration: logs read from files on disk. Everything else is browser-safe.

/** How far an import has got: the share of the file's bytes read and the rows so far. */
export type ImportProgress = { share: number; lines: number };

export type FileImportOptions = ImportOptions & {
  /** Called as the file is read, at most every 10 % of it. */
  onProgress?: (progress: ImportProgress) => void;
};

/**
 * Imports a transaction log file and calibrates on it (`calibrateLog`). Throws InputError for
 * unusable input.
 */
export async function calibrate(
  file: string,
  options: CalibrateOptions & FileImportOptions,
): Promise<Calibration> {
  return calibrateLog(await importTransactions(file, options), options);
}

/**
 * Streams a transaction log file from disk through a `LogReader` (see there for the formats and
 * the bad-row rules), in 1 MB chunks split into lines as Node's readline would. Throws InputError
 * for a missing or unreadable file and whatever the reader refuses.
 */
export async function importTransactions(
  file: string,
  options: FileImportOptions = {},
): Promise<TransactionLog> {
  const size = await checkReadable(file);
  const reader = new LogReader(file, options);
  let lines = 0;
  const splitter = new LineSplitter((line) => {
    lines++;
    reader.line(line);
  });
  const stream = createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 });
  let read = 0;
  let reported = 0;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      splitter.push(chunk);
      // Characters, not bytes: near enough for a progress line.
      read += chunk.length;
      const tenths = Math.min(10, Math.floor((10 * read) / Math.max(1, size)));
      if (options.onProgress && tenths > reported) {
        reported = tenths;
        options.onProgress({ share: tenths / 10, lines });
      }
    }
  } catch (error) {
    stream.destroy();
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read ${file}: ${(error as Error).message}`);
  }
  splitter.end();
  return reader.finish();
}

/** The file's size in bytes; throws InputError when it is missing or not a file. */
async function checkReadable(file: string): Promise<number> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : (error as Error).message;
    throw new InputError(`cannot read --transactions ${show(file)}: ${why}; check the path`);
  }
  if (!info.isFile()) throw new InputError(`--transactions ${show(file)} is not a file`);
  return info.size;
}
